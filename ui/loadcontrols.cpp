#include "loadcontrols.h"

#include "samplerequest.h"
#include "scoringaccess.h"
#include "style/theme.h"
#include "workspacestore.h"

#include <QComboBox>
#include <QFile>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>

LoadControls::LoadControls(WorkspaceStore *store, QWidget *parent)
    : QWidget(parent)
    , m_store(store)
    , m_access(new ScoringAccess(store ? store->client() : nullptr, this))
    , m_generator(new LoadGenerator(this))
    , m_rate(new QSpinBox(this))
    , m_duration(new QSpinBox(this))
    , m_concurrency(new QSpinBox(this))
    , m_target(new QComboBox(this))
    , m_bodyFile(new QLineEdit(this))
    , m_browse(new QPushButton(tr("Browse…"), this))
    , m_startStop(new QPushButton(tr("Start load"), this))
    , m_progress(new QProgressBar(this))
    , m_counts(new QLabel(this))
{
    m_rate->setObjectName(QStringLiteral("rate"));
    m_rate->setRange(0, int(LoadSettings::MaxRate));
    m_rate->setValue(20);
    m_rate->setSuffix(tr(" req/s"));
    m_rate->setSpecialValueText(tr("as fast as possible"));
    m_rate->setToolTip(tr("Requests per second over all connections; 0 sends as fast as the endpoint answers"));
    m_duration->setObjectName(QStringLiteral("duration"));
    m_duration->setRange(1, LoadSettings::MaxDurationMs / 1000);
    m_duration->setValue(60);
    m_duration->setSuffix(tr(" s"));
    m_concurrency->setObjectName(QStringLiteral("concurrency"));
    m_concurrency->setRange(1, LoadSettings::MaxConcurrency);
    m_concurrency->setValue(4);
    m_concurrency->setToolTip(tr("Connections kept open to the endpoint, one request in flight on each"));
    m_target->setObjectName(QStringLiteral("loadTarget"));
    m_bodyFile->setObjectName(QStringLiteral("bodyFile"));
    m_bodyFile->setPlaceholderText(tr("the Test tab's body"));
    m_bodyFile->setToolTip(tr("A file with the request body; empty sends the body of the Test tab (or the "
                              "demo's sample-request.json)"));
    m_bodyFile->setClearButtonEnabled(true);
    m_startStop->setObjectName(QStringLiteral("startStop"));
    m_progress->setObjectName(QStringLiteral("loadProgress"));
    m_progress->setRange(0, 1000);
    m_progress->setValue(0);
    m_progress->setTextVisible(true);
    m_progress->setFormat(QString());
    m_progress->setMaximumWidth(220);
    m_counts->setObjectName(QStringLiteral("loadCounts"));
    m_counts->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_counts->setText(tr("Load generator idle"));

    auto *settings = new QHBoxLayout;
    const auto add = [this, settings](const QString &text, QWidget *field) {
        auto *label = new QLabel(text, this);
        label->setBuddy(field);
        settings->addWidget(label);
        settings->addWidget(field);
        settings->addSpacing(6);
    };
    add(tr("&Rate:"), m_rate);
    add(tr("D&uration:"), m_duration);
    add(tr("Co&nnections:"), m_concurrency);
    add(tr("Tar&get:"), m_target);
    add(tr("&Body:"), m_bodyFile);
    settings->addWidget(m_browse);
    settings->addStretch(1);
    settings->addWidget(m_startStop);
    auto *status = new QHBoxLayout;
    status->addWidget(m_progress);
    status->addWidget(m_counts, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(settings);
    layout->addLayout(status);

    connect(m_startStop, &QPushButton::clicked, this, [this]() { isRunning() ? stop() : start(); });
    connect(m_browse, &QPushButton::clicked, this, [this]() {
        const QString path = QFileDialog::getOpenFileName(this, tr("Request body for the load"), QString(),
                                                          tr("JSON files (*.json);;All files (*)"));
        if (!path.isEmpty())
            m_bodyFile->setText(path);
    });
    connect(m_generator, &LoadGenerator::progressed, this, [this](const LoadProgress &progress) {
        showProgress(progress);
        if (!progress.buckets.isEmpty())
            emit bucketsObserved(progress.buckets);
    });
    connect(m_generator, &LoadGenerator::finished, this, [this](const LoadProgress &progress) {
        showProgress(progress);
        if (!progress.buckets.isEmpty())
            emit bucketsObserved(progress.buckets);
        updateButtons();
        emit runningChanged(false);
    });
    if (m_store) {
        connect(m_store, &WorkspaceStore::refreshed, this, [this]() { fillTargets(); });
    }
    setEndpoint(QString());
}

LoadControls::~LoadControls() = default;

void LoadControls::setEndpoint(const QString &endpoint)
{
    if (endpoint != m_endpoint && isRunning())
        stop();
    m_endpoint = endpoint;
    fillTargets();
    updateButtons();
}

void LoadControls::fillTargets()
{
    const QString current = m_target->currentData().toString();
    QStringList names;
    if (m_store && !m_endpoint.isEmpty()) {
        if (const EndpointSnapshot *e = m_store->endpoint(m_endpoint)) {
            for (const DeploymentSnapshot &d : e->deployments)
                names << d.deployment.name;
        }
    }
    QStringList shown;
    for (int i = 1; i < m_target->count(); ++i)
        shown << m_target->itemData(i).toString();
    if (shown == names && m_target->count() > 0)
        return;
    const QSignalBlocker blocker(m_target);
    m_target->clear();
    m_target->addItem(tr("Endpoint (traffic rules)"), QString());
    for (const QString &name : std::as_const(names))
        m_target->addItem(name, name);
    const int keep = m_target->findData(current);
    m_target->setCurrentIndex(keep >= 0 ? keep : 0);
}

void LoadControls::setRate(double perSecond)
{
    m_rate->setValue(int(perSecond));
}

void LoadControls::setDurationSeconds(int seconds)
{
    m_duration->setValue(seconds);
}

void LoadControls::setConcurrency(int connections)
{
    m_concurrency->setValue(connections);
}

void LoadControls::setTarget(const QString &deployment)
{
    fillTargets();
    const int index = m_target->findData(deployment);
    if (index >= 0)
        m_target->setCurrentIndex(index);
}

void LoadControls::setBodyFile(const QString &path)
{
    m_bodyFile->setText(path);
}

bool LoadControls::isRunning() const
{
    return m_starting || m_generator->isRunning();
}

QString LoadControls::statusText() const
{
    return m_counts->text();
}

QByteArray LoadControls::chosenBody(QString *error) const
{
    const QString path = m_bodyFile->text().trimmed();
    if (!path.isEmpty()) {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) {
            *error = tr("Cannot read the body file %1: %2").arg(path, file.errorString());
            return {};
        }
        if (file.size() > LoadSettings::MaxBodyBytes) {
            *error = tr("The body file %1 is larger than 16 MiB; pick a smaller one.").arg(path);
            return {};
        }
        return file.readAll();
    }
    QByteArray body = m_bodySource ? m_bodySource() : QByteArray();
    if (body.trimmed().isEmpty())
        body = SampleRequest::body();
    if (body.trimmed().isEmpty())
        *error = tr("There is no request body: write one in the Test tab or choose a body file.");
    return body;
}

void LoadControls::start()
{
    if (isRunning() || m_endpoint.isEmpty())
        return;
    QString error;
    const QByteArray body = chosenBody(&error);
    if (!error.isEmpty())
        return showError(error);
    LoadSettings settings;
    settings.body = body;
    settings.ratePerSecond = m_rate->value();
    settings.durationMs = m_duration->value() * 1000;
    settings.concurrency = m_concurrency->value();
    settings.deployment = m_target->currentData().toString();
    m_starting = true;
    updateButtons();
    m_counts->setText(tr("Getting the endpoint's credentials…"));
    m_counts->setStyleSheet(QString());
    const QString endpoint = m_endpoint;
    m_access->resolve(endpoint, this, [this, settings, endpoint](const Result<ScoringTarget> &target) mutable {
        m_starting = false;
        if (endpoint != m_endpoint) {
            updateButtons();
            return;
        }
        if (!target) {
            updateButtons();
            return showError(target.error().message);
        }
        settings.scoringUri = target->scoringUri;
        settings.credential = target->credential;
        if (Status started = m_generator->start(settings); !started) {
            updateButtons();
            return showError(started.error().message);
        }
        m_counts->setText(tr("Starting…"));
        updateButtons();
        emit runningChanged(true);
    });
}

void LoadControls::stop()
{
    m_generator->stop();
}

void LoadControls::showError(const QString &text)
{
    m_counts->setText(text);
    m_counts->setStyleSheet(Theme::messageStyle(Theme::State::Failed, palette()));
}

void LoadControls::showProgress(const LoadProgress &progress)
{
    const QLocale locale;
    const int durationMs = m_duration->value() * 1000;
    m_progress->setValue(progress.finished ? 1000 : int(std::min<qint64>(1000, progress.elapsedMs * 1000 / std::max(1, durationMs))));
    m_progress->setFormat(tr("%1 s").arg(progress.elapsedMs / 1000));
    QStringList parts;
    parts << tr("Sent %1").arg(locale.toString(progress.sent)) << tr("OK %1").arg(locale.toString(progress.ok))
          << tr("Failed %1").arg(locale.toString(progress.failed));
    const qint64 answered = std::max<qint64>(1, std::accumulate(progress.servedBy.begin(), progress.servedBy.end(), qint64(0)));
    for (auto it = progress.servedBy.begin(); it != progress.servedBy.end(); ++it) {
        const QString name = it.key().isEmpty() ? tr("unnamed") : it.key();
        parts << tr("%1 %2 (%3 %)").arg(name, locale.toString(it.value())).arg(100.0 * double(it.value()) / double(answered), 0, 'f', 1);
    }
    if (progress.ok + progress.failed > 0)
        parts << tr("p50 %1 ms · p95 %2 ms · p99 %3 ms")
                     .arg(progress.p50Ms, 0, 'f', 1)
                     .arg(progress.p95Ms, 0, 'f', 1)
                     .arg(progress.p99Ms, 0, 'f', 1);
    QString text = parts.join(QStringLiteral(" · "));
    if (progress.finished)
        text = tr("Finished: %1").arg(text);
    if (progress.failed > 0 && !progress.lastError.isEmpty())
        text += tr(" — last error: %1").arg(progress.lastError);
    m_counts->setText(text);
    m_counts->setStyleSheet(progress.failed > 0 ? Theme::messageStyle(Theme::State::Failed, palette()) : QString());
}

void LoadControls::updateButtons()
{
    const bool running = isRunning();
    m_startStop->setText(running ? tr("Stop load") : tr("Start load"));
    m_startStop->setEnabled(!m_endpoint.isEmpty() && !m_starting);
    for (QWidget *w : std::initializer_list<QWidget *> { m_rate, m_duration, m_concurrency, m_target, m_bodyFile, m_browse })
        w->setEnabled(!running);
}
