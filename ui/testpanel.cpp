#include "testpanel.h"

#include "comparemodel.h"
#include "comparewidget.h"
#include "headersmodel.h"
#include "jsoneditor.h"
#include "samplerequest.h"
#include "scoringaccess.h"
#include "scoringclient.h"
#include "style/theme.h"
#include "workspacestore.h"

#include <QComboBox>
#include <QFile>
#include <QFileDialog>
#include <QFontDatabase>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QListView>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QShortcut>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace {

constexpr qint64 MaxFileBytes = 16 * 1024 * 1024;
constexpr qint64 EndpointBodyLimit = 1536 * 1024; // managed endpoints refuse more (413)
constexpr qsizetype MaxShownBody = 2 * 1024 * 1024;

QString prettyBody(const QByteArray &body)
{
    const QJsonDocument doc = QJsonDocument::fromJson(body);
    if (!doc.isNull())
        return QString::fromUtf8(doc.toJson(QJsonDocument::Indented)).trimmed();
    return QString::fromUtf8(body.left(MaxShownBody));
}

} // namespace

TestPanel::TestPanel(WorkspaceStore *store, QWidget *parent)
    : QWidget(parent)
    , m_store(store)
    , m_access(new ScoringAccess(store ? store->client() : nullptr, this))
    , m_scoring(new ScoringClient(this))
{
    buildUi();
    if (m_store) {
        connect(m_store, &WorkspaceStore::refreshed, this, [this]() { fillTargets(); });
        connect(m_store, &WorkspaceStore::deploymentAdded, this, [this](const QString &endpoint) {
            if (endpoint == m_endpoint)
                fillTargets();
        });
        connect(m_store, &WorkspaceStore::deploymentRemoved, this, [this](const QString &endpoint) {
            if (endpoint == m_endpoint)
                fillTargets();
        });
    }
    m_editor->setBody(SampleRequest::body());
    setEndpoint(QString());
}

void TestPanel::buildUi()
{
    m_target = new QComboBox(this);
    m_target->setObjectName(QStringLiteral("target"));
    m_target->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_target->setToolTip(tr("Where the request goes: the endpoint, whose traffic rules choose a deployment, "
                            "or one deployment by the azureml-model-deployment header (even at 0 % traffic)"));
    m_send = new QPushButton(tr("Send"), this);
    m_send->setObjectName(QStringLiteral("send"));
    m_send->setDefault(true);
    m_send->setToolTip(tr("Send the request (Ctrl+Enter)"));
    m_compare = new QPushButton(tr("Compare deployments"), this);
    m_compare->setObjectName(QStringLiteral("compare"));
    m_compare->setToolTip(tr("Send the same body to every deployment and show the answers side by side"));
    m_loadFile = new QPushButton(tr("Load file…"), this);
    m_pretty = new QPushButton(tr("Pretty-print"), this);

    auto *bar = new QHBoxLayout;
    auto *targetLabel = new QLabel(tr("&Target:"), this);
    targetLabel->setBuddy(m_target);
    bar->addWidget(targetLabel);
    bar->addWidget(m_target);
    bar->addWidget(m_send);
    bar->addWidget(m_compare);
    bar->addStretch(1);
    bar->addWidget(m_loadFile);
    bar->addWidget(m_pretty);

    // Request side: the editor with its check line, and the recent requests.
    m_editor = new JsonEditor(this);
    m_editor->setObjectName(QStringLiteral("requestEditor"));
    m_check = new QLabel(this);
    m_check->setObjectName(QStringLiteral("jsonCheck"));
    auto *requestBox = new QGroupBox(tr("Request body"), this);
    auto *requestLayout = new QVBoxLayout(requestBox);
    requestLayout->addWidget(m_editor, 1);
    requestLayout->addWidget(m_check);

    m_recent = new RecentRequestsModel(this);
    m_recentView = new QListView(this);
    m_recentView->setObjectName(QStringLiteral("recentRequests"));
    m_recentView->setModel(m_recent);
    m_recentView->setUniformItemSizes(true);
    m_recentView->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    auto *recentBox = new QGroupBox(tr("Recent requests"), this);
    auto *recentLayout = new QVBoxLayout(recentBox);
    recentLayout->addWidget(m_recentView);

    auto *left = new QSplitter(Qt::Vertical, this);
    left->addWidget(requestBox);
    left->addWidget(recentBox);
    left->setStretchFactor(0, 3);
    left->setStretchFactor(1, 1);

    // Answer side: status line, headers, body; and the Compare table.
    m_status = new QLabel(tr("No request sent yet"), this);
    m_status->setObjectName(QStringLiteral("status"));
    m_latency = new QLabel(this);
    m_latency->setObjectName(QStringLiteral("latency"));
    m_servedBy = new QLabel(this);
    m_servedBy->setObjectName(QStringLiteral("servedBy"));
    m_servedBy->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("error"));
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->hide();
    auto *statusRow = new QHBoxLayout;
    statusRow->addWidget(m_status);
    statusRow->addSpacing(16);
    statusRow->addWidget(m_latency);
    statusRow->addSpacing(16);
    statusRow->addWidget(m_servedBy);
    statusRow->addStretch(1);

    m_headers = new HeadersModel(this);
    m_headersView = new QTableView(this);
    m_headersView->setObjectName(QStringLiteral("headers"));
    m_headersView->setModel(m_headers);
    m_headersView->verticalHeader()->hide();
    m_headersView->horizontalHeader()->setStretchLastSection(true);
    m_headersView->horizontalHeader()->setSectionResizeMode(HeadersModel::NameColumn, QHeaderView::ResizeToContents);
    m_headersView->verticalHeader()->setDefaultSectionSize(m_headersView->fontMetrics().height() + 6);
    m_body = new QPlainTextEdit(this);
    m_body->setObjectName(QStringLiteral("responseBody"));
    m_body->setReadOnly(true);
    m_body->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_body->setPlaceholderText(tr("The answer appears here"));

    auto *answerSplit = new QSplitter(Qt::Vertical, this);
    answerSplit->addWidget(m_body);
    answerSplit->addWidget(m_headersView);
    answerSplit->setStretchFactor(0, 3);
    answerSplit->setStretchFactor(1, 2);
    auto *responsePage = new QWidget(this);
    auto *responseLayout = new QVBoxLayout(responsePage);
    responseLayout->addLayout(statusRow);
    responseLayout->addWidget(m_error);
    responseLayout->addWidget(answerSplit, 1);

    m_compareWidget = new CompareWidget(this);
    m_results = new QTabWidget(this);
    m_results->setObjectName(QStringLiteral("resultTabs"));
    m_results->setDocumentMode(true);
    m_results->addTab(responsePage, tr("Response"));
    m_results->addTab(m_compareWidget, tr("Compare"));

    auto *split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(left);
    split->addWidget(m_results);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 1);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addWidget(split, 1);

    connect(m_send, &QPushButton::clicked, this, [this]() { send(); });
    connect(m_compare, &QPushButton::clicked, this, [this]() { compare(); });
    connect(m_loadFile, &QPushButton::clicked, this, [this]() { onLoadFileClicked(); });
    connect(m_pretty, &QPushButton::clicked, this, [this]() { onPrettyPrintClicked(); });
    connect(m_recentView, &QListView::clicked, this, [this](const QModelIndex &index) { onRecentActivated(index); });
    connect(m_recentView, &QListView::activated, this, [this](const QModelIndex &index) { onRecentActivated(index); });
    connect(m_editor, &JsonEditor::checked, this, [this](const JsonEditor::Check &check) {
        m_check->setText(m_editor->statusText());
        m_check->setStyleSheet(Theme::messageStyle(check.valid ? Theme::State::Succeeded
                                                               : check.empty ? Theme::State::Unknown
                                                                             : Theme::State::Failed,
                                                   palette()));
        m_pretty->setEnabled(check.valid);
    });
    for (const QKeySequence &keys : { QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter) }) {
        auto *shortcut = new QShortcut(keys, this);
        shortcut->setContext(Qt::WidgetWithChildrenShortcut);
        connect(shortcut, &QShortcut::activated, this, [this]() { send(); });
    }
}

CompareModel *TestPanel::compareModel() const
{
    return m_compareWidget->model();
}

void TestPanel::setEndpoint(const QString &endpoint)
{
    if (!m_endpoint.isEmpty())
        m_bodies.insert(m_endpoint, m_editor->body());
    const bool changed = endpoint != m_endpoint;
    m_endpoint = endpoint;
    if (changed && m_bodies.contains(endpoint))
        m_editor->setBody(m_bodies.value(endpoint));
    if (changed) {
        m_compareWidget->model()->clear();
        ++m_sendGeneration;
        ++m_compareGeneration;
    }
    fillTargets();
    const bool enabled = !endpoint.isEmpty();
    m_send->setEnabled(enabled);
    m_compare->setEnabled(enabled);
    m_target->setEnabled(enabled);
    if (!enabled)
        m_status->setText(tr("Select an endpoint on the left to test it"));
    else if (!m_shown || m_shown->endpoint != endpoint)
        m_status->setText(tr("Send a request to %1").arg(endpoint));
}

void TestPanel::fillTargets()
{
    const QString current = target();
    QStringList names;
    if (m_store && !m_endpoint.isEmpty()) {
        if (const EndpointSnapshot *e = m_store->endpoint(m_endpoint)) {
            for (const DeploymentSnapshot &d : e->deployments)
                names << d.deployment.name;
        }
    }
    if (names == targets() && m_target->count() > 0)
        return;
    const QSignalBlocker blocker(m_target);
    m_target->clear();
    m_target->addItem(tr("Endpoint (traffic rules)"), QString());
    for (const QString &name : std::as_const(names))
        m_target->addItem(tr("Deployment: %1").arg(name), name);
    const int keep = m_target->findData(current);
    m_target->setCurrentIndex(keep >= 0 ? keep : 0);
}

void TestPanel::setTarget(const QString &deployment)
{
    fillTargets();
    const int index = m_target->findData(deployment);
    if (index >= 0)
        m_target->setCurrentIndex(index);
}

QString TestPanel::target() const
{
    return m_target->currentData().toString();
}

QStringList TestPanel::targets() const
{
    QStringList names;
    for (int i = 1; i < m_target->count(); ++i)
        names << m_target->itemData(i).toString();
    return names;
}

void TestPanel::setRequestBody(const QByteArray &body)
{
    m_editor->setBody(body);
}

QByteArray TestPanel::requestBody() const
{
    return m_editor->body();
}

void TestPanel::score(const QString &deployment, const QByteArray &body,
                      std::function<void(const TestExchange &)> done, bool retryOn401)
{
    TestExchange exchange;
    exchange.time = QDateTime::currentDateTime();
    exchange.endpoint = m_endpoint;
    exchange.deployment = deployment;
    exchange.requestBody = body;
    const QString endpoint = m_endpoint;
    m_access->resolve(endpoint, this, [this, exchange, done, retryOn401](const Result<ScoringTarget> &target) mutable {
        if (!target) {
            exchange.result.error = target.error();
            done(exchange);
            return;
        }
        ApiReply *reply = m_scoring->score(target->scoringUri, target->credential, exchange.requestBody,
                                           exchange.deployment);
        connect(reply, &ApiReply::finished, this,
                [this, exchange, done, retryOn401](const ApiResult &result) mutable {
                    if (result.httpStatus == 401 && retryOn401) {
                        // The key may have been regenerated since it was cached: once more, fresh.
                        m_access->invalidate(exchange.endpoint);
                        if (exchange.endpoint == m_endpoint) {
                            score(exchange.deployment, exchange.requestBody, done, false);
                            return;
                        }
                    }
                    exchange.result = result;
                    done(exchange);
                });
    });
}

void TestPanel::send()
{
    if (m_endpoint.isEmpty())
        return;
    const quint64 generation = ++m_sendGeneration;
    m_results->setCurrentIndex(0);
    m_status->setText(tr("Sending…"));
    m_status->setStyleSheet(QString());
    setBusy(+1);
    score(target(), m_editor->body(), [this, generation](const TestExchange &exchange) {
        setBusy(-1);
        m_recent->add(exchange);
        if (generation == m_sendGeneration)
            showExchange(exchange);
        emit requestAnswered(exchange);
    });
}

void TestPanel::compare()
{
    if (m_endpoint.isEmpty())
        return;
    fillTargets();
    const QStringList deployments = targets();
    m_results->setCurrentWidget(m_compareWidget);
    if (deployments.isEmpty()) {
        m_compareWidget->model()->clear();
        m_compareWidget->setBusy(tr("The endpoint %1 has no deployments to compare.").arg(m_endpoint));
        emit comparisonFinished();
        return;
    }
    const quint64 generation = ++m_compareGeneration;
    m_compareWidget->setBusy(tr("Sending to %n deployment(s)…", nullptr, int(deployments.size())));
    auto answers = std::make_shared<QList<CompareModel::Answer>>();
    for (const QString &name : deployments)
        answers->append(CompareModel::Answer{ name, ApiResult() });
    auto remaining = std::make_shared<int>(int(deployments.size()));
    const QByteArray body = m_editor->body();
    for (qsizetype i = 0; i < deployments.size(); ++i) {
        setBusy(+1);
        score(deployments[i], body, [this, generation, answers, remaining, i](const TestExchange &exchange) {
            setBusy(-1);
            m_recent->add(exchange);
            emit requestAnswered(exchange);
            (*answers)[i].result = exchange.result;
            if (--*remaining > 0 || generation != m_compareGeneration)
                return;
            m_compareWidget->model()->setAnswers(*answers);
            emit comparisonFinished();
        });
    }
}

void TestPanel::showExchange(const TestExchange &exchange)
{
    m_shown = exchange;
    const ApiResult &r = exchange.result;
    const bool ok = r.httpStatus >= 200 && r.httpStatus < 300;
    if (r.httpStatus == 0)
        m_status->setText(tr("No answer"));
    else
        m_status->setText(tr("HTTP %1").arg(r.httpStatus));
    m_status->setStyleSheet(Theme::messageStyle(ok ? Theme::State::Succeeded : Theme::State::Failed, palette()));
    m_latency->setText(r.httpStatus == 0 ? QString() : tr("%1 ms").arg(r.latencyMs, 0, 'f', 1));
    m_servedBy->setText(tr("Served by: %1").arg(servedByText()));
    m_servedBy->setToolTip(tr("The azureml-model-deployment header of the answer. Azure ML need not send it: "
                              "then it shows —."));
    if (r.error && !ok) {
        m_error->setText(r.error->message);
        m_error->setStyleSheet(Theme::messageStyle(Theme::State::Failed, palette()));
        m_error->show();
    } else {
        m_error->hide();
    }
    m_headers->setHeaders(r.headers);
    m_body->setPlainText(prettyBody(r.body));
}

QString TestPanel::servedByText() const
{
    if (!m_shown)
        return QString();
    const QString served = m_shown->servedBy();
    return served.isEmpty() ? tr("—") : served;
}

QString TestPanel::responseText() const
{
    return m_body->toPlainText();
}

void TestPanel::setBusy(int delta)
{
    m_pending = std::max(0, m_pending + delta);
    m_compare->setEnabled(!m_endpoint.isEmpty() && m_pending == 0);
}

void TestPanel::onLoadFileClicked()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Load request body"), QString(),
                                                      tr("JSON files (*.json);;All files (*)"));
    if (path.isEmpty())
        return;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        m_check->setText(tr("Cannot read %1: %2").arg(path, file.errorString()));
        m_check->setStyleSheet(Theme::messageStyle(Theme::State::Failed, palette()));
        return;
    }
    if (file.size() > MaxFileBytes) {
        m_check->setText(tr("%1 is larger than 16 MiB; endpoints take at most 1.5 MiB per request.").arg(path));
        m_check->setStyleSheet(Theme::messageStyle(Theme::State::Failed, palette()));
        return;
    }
    m_editor->setBody(file.readAll());
    if (file.size() > EndpointBodyLimit) {
        m_check->setText(m_editor->statusText() + tr(" — note: over 1.5 MiB, the endpoint will answer 413"));
    }
}

void TestPanel::onPrettyPrintClicked()
{
    m_editor->prettyPrint();
}

void TestPanel::onRecentActivated(const QModelIndex &index)
{
    if (!index.isValid())
        return;
    const TestExchange exchange = m_recent->exchange(index.row());
    ++m_sendGeneration; // an answer still under way must not replace what the user chose
    if (exchange.endpoint == m_endpoint) {
        setTarget(exchange.deployment);
        m_editor->setBody(exchange.requestBody);
    }
    m_results->setCurrentIndex(0);
    showExchange(exchange);
}
