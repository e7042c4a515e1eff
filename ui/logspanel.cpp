#include "logspanel.h"

#include "appsettings.h"
#include "armjson.h"
#include "style/theme.h"
#include "workspaceclient.h"
#include "workspacestore.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QSpinBox>
#include <QToolButton>
#include <QVBoxLayout>

namespace {
constexpr int FollowIntervalMs = 1000;
}

LogsPanel::LogsPanel(WorkspaceStore *store, QWidget *parent) : QWidget(parent), m_store(store)
{
    m_deployment = new QComboBox(this);
    m_deployment->setObjectName(QStringLiteral("logsDeployment"));
    m_deployment->setMinimumContentsLength(12);
    m_deployment->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    auto *deploymentLabel = new QLabel(tr("&Deployment:"), this);
    deploymentLabel->setBuddy(m_deployment);
    m_lines = new QSpinBox(this);
    m_lines->setRange(10, 5000);
    m_lines->setSingleStep(50);
    m_lines->setValue(AppSettings().logLines());
    m_lines->setAccessibleName(tr("Lines"));
    auto *linesLabel = new QLabel(tr("&Lines:"), this);
    linesLabel->setBuddy(m_lines);
    m_reload = new QToolButton(this);
    m_reload->setToolTip(tr("Read the logs again"));
    m_reload->setIcon(Theme::icon(Theme::Icon::Refresh, palette()));
    m_followBox = new QCheckBox(tr("&Follow"), this);
    m_followBox->setToolTip(tr("Read the logs every second while this tab is shown"));
    m_followBox->setChecked(true);
    m_status = new QLabel(this);
    m_status->setWordWrap(true);

    auto *bar = new QHBoxLayout;
    bar->addWidget(deploymentLabel);
    bar->addWidget(m_deployment);
    bar->addSpacing(12);
    bar->addWidget(linesLabel);
    bar->addWidget(m_lines);
    bar->addWidget(m_reload);
    bar->addSpacing(12);
    bar->addWidget(m_followBox);
    bar->addStretch(1);

    m_text = new QPlainTextEdit(this);
    m_text->setObjectName(QStringLiteral("logsText"));
    m_text->setReadOnly(true);
    m_text->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_text->setPlaceholderText(tr("No log lines yet."));

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_status);

    m_follow.setInterval(FollowIntervalMs);
    connect(&m_follow, &QTimer::timeout, this, &LogsPanel::reload);
    connect(m_reload, &QToolButton::clicked, this, &LogsPanel::reload);
    connect(m_followBox, &QCheckBox::toggled, this, &LogsPanel::updateTimer);
    connect(m_deployment, &QComboBox::currentIndexChanged, this, [this]() {
        ++m_generation;
        m_inFlight = false;
        m_text->clear();
        reload();
    });
    connect(m_lines, &QSpinBox::valueChanged, this, [this](int lines) {
        AppSettings().setLogLines(lines);
        reload();
    });
    const auto deploymentsChanged = [this](const QString &e) {
        if (e == m_endpoint)
            updateDeployments();
    };
    connect(store, &WorkspaceStore::deploymentAdded, this, deploymentsChanged);
    connect(store, &WorkspaceStore::deploymentRemoved, this, deploymentsChanged);
    connect(store, &WorkspaceStore::endpointRemoved, this, deploymentsChanged);
    setEndpoint(QString());
}

void LogsPanel::setEndpoint(const QString &endpoint)
{
    if (endpoint == m_endpoint && m_deployment->count() > 0)
        return;
    m_endpoint = endpoint;
    updateDeployments();
}

void LogsPanel::updateDeployments()
{
    const QString current = m_deployment->currentText();
    QStringList names;
    if (const EndpointSnapshot *e = m_store ? m_store->endpoint(m_endpoint) : nullptr) {
        for (const DeploymentSnapshot &d : e->deployments)
            names << d.deployment.name;
    }
    QStringList shown;
    for (int i = 0; i < m_deployment->count(); ++i)
        shown << m_deployment->itemText(i);
    if (shown == names)
        return;
    {
        const QSignalBlocker blocker(m_deployment);
        m_deployment->clear();
        m_deployment->addItems(names);
        m_deployment->setCurrentIndex(std::max(0, int(names.indexOf(current))));
    }
    setEnabled(!names.isEmpty());
    if (m_deployment->currentText() != current || names.isEmpty()) {
        ++m_generation;
        m_inFlight = false;
        m_text->clear();
        m_status->setText(names.isEmpty() && !m_endpoint.isEmpty() ? tr("This endpoint has no deployments.") : QString());
        reload();
    }
}

void LogsPanel::setDeployment(const QString &deployment)
{
    const int index = m_deployment->findText(deployment);
    if (index >= 0)
        m_deployment->setCurrentIndex(index);
}

QString LogsPanel::deployment() const
{
    return m_deployment->currentText();
}

void LogsPanel::setFollowing(bool follow)
{
    m_followBox->setChecked(follow);
}

bool LogsPanel::isFollowing() const
{
    return m_follow.isActive();
}

QString LogsPanel::text() const
{
    return m_text->toPlainText();
}

QString LogsPanel::status() const
{
    return m_status->text();
}

void LogsPanel::reload()
{
    const QString deployment = m_deployment->currentText();
    if (!m_store || m_endpoint.isEmpty() || deployment.isEmpty() || m_inFlight)
        return;
    m_inFlight = true;
    const int generation = m_generation;
    ApiReply *reply = m_store->client()->getLogs(m_endpoint, deployment, m_lines->value());
    connect(reply, &ApiReply::finished, this, [this, generation](const ApiResult &result) {
        if (generation != m_generation)
            return;
        m_inFlight = false;
        Result<QString> content = result.ok() ? ArmJson::logsFromJson(result.json) : Result<QString>(*result.error);
        if (!content) {
            m_status->setText(tr("The logs could not be read: %1").arg(content.error().message));
            m_status->setStyleSheet(Theme::messageStyle(Theme::State::Failed, palette()));
            return;
        }
        m_status->clear();
        m_status->setStyleSheet(QString());
        if (content.value() == m_text->toPlainText())
            return;
        // Stay at the end when the reader was there; otherwise keep their place.
        QScrollBar *scroll = m_text->verticalScrollBar();
        const bool atEnd = scroll->value() >= scroll->maximum() - 2;
        const int position = scroll->value();
        m_text->setPlainText(content.value());
        scroll->setValue(atEnd ? scroll->maximum() : position);
    });
}

void LogsPanel::updateTimer()
{
    if (m_followBox->isChecked() && isVisible()) {
        if (!m_follow.isActive())
            m_follow.start();
        reload();
    } else {
        m_follow.stop();
    }
}

void LogsPanel::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    updateTimer();
}

void LogsPanel::hideEvent(QHideEvent *event)
{
    QWidget::hideEvent(event);
    updateTimer();
}
