#include "overviewpanel.h"

#include "armjson.h"
#include "deploymenttablemodel.h"
#include "endpointtreemodel.h"
#include "style/theme.h"
#include "workspaceclient.h"
#include "workspacestore.h"

#include <QClipboard>
#include <QEvent>
#include <QFormLayout>
#include <QGroupBox>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

namespace {

QToolButton *iconButton(QWidget *parent, const QString &tip)
{
    auto *button = new QToolButton(parent);
    button->setToolTip(tip);
    button->setAccessibleName(tip);
    button->setAutoRaise(true);
    button->setFocusPolicy(Qt::StrongFocus);
    return button;
}

QLineEdit *readOnlyField(QWidget *parent)
{
    auto *field = new QLineEdit(parent);
    field->setReadOnly(true);
    QFont mono = field->font();
    mono.setFamily(QStringLiteral("monospace"));
    mono.setStyleHint(QFont::Monospace);
    field->setFont(mono);
    return field;
}

QHBoxLayout *row(std::initializer_list<QWidget *> widgets)
{
    auto *layout = new QHBoxLayout;
    layout->setSpacing(2);
    bool first = true;
    for (QWidget *w : widgets) {
        layout->addWidget(w, first ? 1 : 0);
        first = false;
    }
    return layout;
}

} // namespace

OverviewPanel::OverviewPanel(WorkspaceStore *store, QWidget *parent)
    : QWidget(parent), m_store(store)
{
    confirm = Dialogs::confirmWith(this);

    m_title = new QLabel(this);
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.25);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_stateIcon = new QLabel(this);
    m_state = new QLabel(this);
    auto *titleRow = new QHBoxLayout;
    titleRow->addWidget(m_title);
    titleRow->addSpacing(12);
    titleRow->addWidget(m_stateIcon);
    titleRow->addWidget(m_state);
    titleRow->addStretch(1);

    auto *access = new QGroupBox(tr("Access"), this);
    m_scoringUri = readOnlyField(access);
    m_scoringUri->setObjectName(QStringLiteral("scoringUri"));
    m_copyUri = iconButton(access, tr("Copy the scoring URI"));
    m_auth = new QLabel(access);
    m_primary = makeKeyRow(QStringLiteral("Primary"));
    m_secondary = makeKeyRow(QStringLiteral("Secondary"));
    m_primary.field->setObjectName(QStringLiteral("primaryKey"));
    m_reloadKeys = iconButton(access, tr("Read the keys again"));
    m_keysStatus = new QLabel(access);
    m_keysStatus->setWordWrap(true);
    m_keysStatus->setObjectName(QStringLiteral("keysStatus"));
    auto *form = new QFormLayout(access);
    form->setLabelAlignment(Qt::AlignRight | Qt::AlignVCenter);
    form->addRow(tr("Scoring URI:"), row({ m_scoringUri, m_copyUri }));
    form->addRow(tr("Authentication:"), row({ m_auth, m_reloadKeys }));
    form->addRow(m_primary.label, row({ m_primary.field, m_primary.reveal, m_primary.copy, m_primary.regenerate }));
    form->addRow(m_secondary.label, row({ m_secondary.field, m_secondary.reveal, m_secondary.copy, m_secondary.regenerate }));
    form->addRow(QString(), m_keysStatus);

    auto *deployments = new QGroupBox(tr("Deployments"), this);
    m_deployments = new DeploymentTableModel(store, this);
    m_table = new QTableView(deployments);
    m_table->setObjectName(QStringLiteral("deploymentsTable"));
    m_table->setModel(m_deployments);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setAlternatingRowColors(true);
    m_table->setShowGrid(false);
    m_table->setWordWrap(false);
    m_table->setTextElideMode(Qt::ElideLeft); // paths keep their informative end
    m_table->verticalHeader()->hide();
    QHeaderView *header = m_table->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::ResizeToContents);
    header->setStretchLastSection(true);
    // Paths and images are long: a fixed share each, the full text in the tooltip.
    for (int column : { DeploymentTableModel::ModelColumn, DeploymentTableModel::CodeColumn,
                        DeploymentTableModel::EnvironmentColumn }) {
        header->setSectionResizeMode(column, QHeaderView::Interactive);
        header->resizeSection(column, 200);
    }
    auto *tableLayout = new QVBoxLayout(deployments);
    tableLayout->addWidget(m_table);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(titleRow);
    layout->addWidget(access);
    layout->addWidget(deployments, 1);

    connect(m_copyUri, &QToolButton::clicked, this, [this]() { copyText(m_scoringUri->text(), tr("Scoring URI")); });
    connect(m_reloadKeys, &QToolButton::clicked, this, &OverviewPanel::loadKeys);
    connect(m_table, &QTableView::activated, this, [this](const QModelIndex &index) {
        emit deploymentActivated(m_endpoint, m_deployments->deploymentAt(index.row()));
    });
    connect(store, &WorkspaceStore::endpointChanged, this, [this](const QString &e) {
        if (e == m_endpoint)
            updateFromStore();
    });
    connect(store, &WorkspaceStore::endpointRemoved, this, [this](const QString &e) {
        if (e == m_endpoint)
            setEndpoint(QString());
    });
    applyIcons();
    setEndpoint(QString());
}

OverviewPanel::KeyRow OverviewPanel::makeKeyRow(const QString &keyType)
{
    KeyRow r;
    const bool primary = keyType == QLatin1String("Primary");
    r.label = new QLabel(primary ? tr("Primary key:") : tr("Secondary key:"), this);
    r.field = readOnlyField(this);
    r.field->setEchoMode(QLineEdit::Password);
    r.label->setBuddy(r.field);
    r.reveal = iconButton(this, tr("Show or hide the key"));
    r.reveal->setCheckable(true);
    r.copy = iconButton(this, primary ? tr("Copy the primary key") : tr("Copy the secondary key"));
    r.regenerate = iconButton(this, primary ? tr("Regenerate the primary key…") : tr("Regenerate the secondary key…"));
    QLineEdit *field = r.field;
    QToolButton *reveal = r.reveal;
    connect(r.reveal, &QToolButton::toggled, this, [this, field, reveal](bool shown) {
        field->setEchoMode(shown ? QLineEdit::Normal : QLineEdit::Password);
        reveal->setIcon(Theme::icon(shown ? Theme::Icon::Conceal : Theme::Icon::Reveal, palette()));
    });
    connect(r.copy, &QToolButton::clicked, this, [this, field, primary]() {
        copyText(field->text(), primary ? tr("Primary key") : tr("Secondary key"));
    });
    connect(r.regenerate, &QToolButton::clicked, this, [this, keyType]() { regenerate(keyType); });
    return r;
}

void OverviewPanel::setEndpoint(const QString &endpoint)
{
    ++m_generation;
    m_endpoint = endpoint;
    m_authMode.clear();
    for (KeyRow *r : { &m_primary, &m_secondary }) {
        r->field->clear();
        r->reveal->setChecked(false);
    }
    setKeysStatus(QString(), false);
    m_deployments->setEndpoint(endpoint);
    setEnabled(!endpoint.isEmpty());
    updateFromStore();
}

void OverviewPanel::updateFromStore()
{
    const EndpointSnapshot *e = m_store ? m_store->endpoint(m_endpoint) : nullptr;
    m_title->setText(e ? e->endpoint.name : tr("No endpoint selected"));
    const QString state = e ? e->endpoint.provisioningState : QString();
    m_state->setText(EndpointTreeModel::stateText(state));
    m_stateIcon->setPixmap(state.isEmpty() ? QPixmap() : Theme::stateIcon(state, palette()).pixmap(16, 16));
    m_scoringUri->setText(e ? e->endpoint.scoringUri : QString());
    m_copyUri->setEnabled(e && !e->endpoint.scoringUri.isEmpty());
    const QString mode = e ? authModeYamlName(e->endpoint.authMode) : QString();
    if (e) {
        m_auth->setText(e->endpoint.authMode == AuthMode::Key ? tr("Key (key)")
                            : e->endpoint.authMode == AuthMode::AmlToken ? tr("Azure ML token (aml_token)")
                                                                         : tr("Microsoft Entra token (aad_token)"));
    } else {
        m_auth->clear();
    }
    const bool keys = e && e->endpoint.authMode == AuthMode::Key;
    m_primary.label->setText(keys ? tr("Primary key:") : tr("Token:"));
    m_secondary.label->setVisible(keys);
    for (QWidget *w : { static_cast<QWidget *>(m_secondary.field), static_cast<QWidget *>(m_secondary.reveal),
                        static_cast<QWidget *>(m_secondary.copy), static_cast<QWidget *>(m_secondary.regenerate),
                        static_cast<QWidget *>(m_primary.regenerate) })
        w->setVisible(keys);
    m_primary.copy->setToolTip(keys ? tr("Copy the primary key") : tr("Copy the token"));
    m_reloadKeys->setToolTip(keys ? tr("Read the keys again") : tr("Get a fresh token"));
    // Keys are read when the endpoint (or its auth mode) is first shown, not every second.
    if (e && mode != m_authMode && e->endpoint.provisioningState != QLatin1String("Creating")) {
        m_authMode = mode;
        loadKeys();
    }
}

void OverviewPanel::loadKeys()
{
    const EndpointSnapshot *e = m_store ? m_store->endpoint(m_endpoint) : nullptr;
    if (!e)
        return;
    const bool keys = e->endpoint.authMode == AuthMode::Key;
    const int generation = m_generation;
    ApiReply *reply = keys ? m_store->client()->listKeys(m_endpoint) : m_store->client()->getToken(m_endpoint);
    connect(reply, &ApiReply::finished, this, [this, generation, keys](const ApiResult &result) {
        if (generation != m_generation)
            return;
        if (!result.ok()) {
            setKeysStatus(keys ? tr("The keys could not be read: %1").arg(result.error->message)
                               : tr("No token: %1").arg(result.error->message),
                          true);
            return;
        }
        if (keys) {
            Result<EndpointKeys> k = ArmJson::keysFromJson(result.json);
            m_primary.field->setText(k ? k->primaryKey : QString());
            m_secondary.field->setText(k ? k->secondaryKey : QString());
        } else {
            Result<AccessToken> t = ArmJson::tokenFromJson(result.json);
            m_primary.field->setText(t ? t->accessToken : QString());
        }
    });
}

void OverviewPanel::regenerate(const QString &keyType)
{
    if (m_endpoint.isEmpty())
        return;
    const bool primary = keyType == QLatin1String("Primary");
    const QString text = primary
        ? tr("Regenerate the primary key of endpoint '%1'?\n\nClients that use the current primary key get "
             "401 Unauthorized until they switch to the new one (or to the secondary key).")
              .arg(m_endpoint)
        : tr("Regenerate the secondary key of endpoint '%1'?\n\nClients that use the current secondary key get "
             "401 Unauthorized until they switch to the new one (or to the primary key).")
              .arg(m_endpoint);
    const int generation = m_generation;
    confirm(tr("Regenerate key"), text, tr("Regenerate"), [this, keyType, generation, primary]() {
        if (generation != m_generation)
            return;
        setKeysStatus(tr("Regenerating…"), false);
        ApiReply *reply = m_store->client()->regenerateKeys(m_endpoint, keyType, true);
        connect(reply, &ApiReply::finished, this, [this, generation, primary](const ApiResult &result) {
            if (generation != m_generation)
                return;
            if (!result.ok()) {
                setKeysStatus(result.error->message, true);
                return;
            }
            setKeysStatus(primary ? tr("A new primary key is in use.") : tr("A new secondary key is in use."), false);
            loadKeys();
        });
    });
}

QString OverviewPanel::primaryKey() const
{
    return m_primary.field->text();
}

QString OverviewPanel::keysStatus() const
{
    return m_keysStatus->text();
}

void OverviewPanel::setKeysStatus(const QString &text, bool failed)
{
    m_keysFailed = failed;
    m_keysStatus->setText(text);
    m_keysStatus->setVisible(!text.isEmpty());
    m_keysStatus->setStyleSheet(failed ? Theme::messageStyle(Theme::State::Failed, palette()) : QString());
}

void OverviewPanel::copyText(const QString &text, const QString &what)
{
    if (text.isEmpty())
        return;
    QGuiApplication::clipboard()->setText(text);
    setKeysStatus(tr("%1 copied to the clipboard.").arg(what), false);
}

void OverviewPanel::applyIcons()
{
    const QPalette pal = palette();
    m_copyUri->setIcon(Theme::icon(Theme::Icon::Copy, pal));
    m_reloadKeys->setIcon(Theme::icon(Theme::Icon::Refresh, pal));
    for (KeyRow *r : { &m_primary, &m_secondary }) {
        r->reveal->setIcon(Theme::icon(r->reveal->isChecked() ? Theme::Icon::Conceal : Theme::Icon::Reveal, pal));
        r->copy->setIcon(Theme::icon(Theme::Icon::Copy, pal));
        r->regenerate->setIcon(Theme::icon(Theme::Icon::Regenerate, pal));
    }
    setKeysStatus(m_keysStatus->text(), m_keysFailed);
}

void OverviewPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange && m_copyUri) {
        applyIcons();
        updateFromStore();
    }
    QWidget::changeEvent(event);
}
