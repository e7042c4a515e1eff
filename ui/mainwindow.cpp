#include "mainwindow.h"

#include "appsettings.h"
#include "azuresignin.h"
#include "clientinfo.h"
#include "demoseeder.h"
#include "deploymentdialog.h"
#include "dialogs.h"
#include "endpointactions.h"
#include "endpointtreemodel.h"
#include "hostinfo.h"
#include "localhost.h"
#include "logspanel.h"
#include "rolloutpanel.h"
#include "messagebar.h"
#include "monitorpanel.h"
#include "operationtracker.h"
#include "overviewpanel.h"
#include "style/theme.h"
#include "testpanel.h"
#include "trafficpanel.h"
#include "workspaceclient.h"
#include "workspacepicker.h"
#include "workspacestore.h"

#include <QApplication>
#include <QCloseEvent>
#include <QCommandLineParser>
#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QPushButton>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTabWidget>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

MainWindow::MainWindow(const StartOptions &options, QWidget *parent)
    : QMainWindow(parent), m_options(options)
{
    setWindowTitle(tr("RolloutDesk"));
    setWindowIcon(Theme::icon(Theme::Icon::Endpoint, palette()));
    buildActions();
    buildMenus();
    buildLayout();
    applyIcons();
    resize(1180, 760);
    AppSettings settings;
    restoreGeometry(settings.windowGeometry());
    restoreState(settings.windowState());
    if (!m_splitter->restoreState(settings.splitterState()))
        m_splitter->setSizes({ 430, 750 });
    updateActions();
    openLocalWorkspace(LocalWorkspace::stateDir(options.stateDir));
}

MainWindow::~MainWindow()
{
    closeWorkspace();
}

StartOptions MainWindow::parseCommandLine(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(tr("Safe rollout of machine-learning models on online endpoints."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption demo(QStringLiteral("demo"),
                                  tr("Create the demo endpoint without asking when the workspace is empty."));
    const QCommandLineOption stateDir(QStringLiteral("state-dir"),
                                      tr("The local workspace's state folder (default: $ROLLOUTDESK_STATE_DIR, "
                                         "else the user data folder)."),
                                      tr("dir"));
    parser.addOption(demo);
    parser.addOption(stateDir);
    parser.process(arguments);
    return StartOptions{ parser.value(stateDir), parser.isSet(demo) };
}

// --- building ----------------------------------------------------------------------------------

void MainWindow::buildActions()
{
    m_newEndpointAction = new QAction(tr("New &Endpoint…"), this);
    m_newEndpointAction->setShortcut(QKeySequence::New);
    connect(m_newEndpointAction, &QAction::triggered, this, [this]() {
        if (m_actions)
            m_actions->newEndpoint();
    });
    m_newDeploymentAction = new QAction(tr("New &Deployment from YAML…"), this);
    m_newDeploymentAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N));
    connect(m_newDeploymentAction, &QAction::triggered, this, [this]() {
        if (!m_actions)
            return;
        Dialogs::chooseFile(this, tr("Deployment YAML File"), Dialogs::yamlFilter(), [this](const QString &path) {
            if (m_actions)
                m_actions->newDeployment(m_endpoint, path);
        });
    });
    m_newDeploymentFormAction = new QAction(tr("New Deployment from a &Form…"), this);
    connect(m_newDeploymentFormAction, &QAction::triggered, this, [this]() {
        if (m_actions)
            m_actions->newDeployment(m_endpoint)->setSource(DeploymentDialog::Source::Form);
    });
    m_updateDeploymentAction = new QAction(tr("&Update Deployment…"), this);
    connect(m_updateDeploymentAction, &QAction::triggered, this, [this]() {
        if (m_actions && !selectedDeployment().isEmpty())
            m_actions->updateDeployment(m_endpoint, selectedDeployment());
    });
    m_scaleAction = new QAction(tr("&Scale…"), this);
    m_scaleAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_I));
    connect(m_scaleAction, &QAction::triggered, this, [this]() {
        if (m_actions && !selectedDeployment().isEmpty())
            m_actions->askScale(m_endpoint, selectedDeployment());
    });
    m_deleteAction = new QAction(tr("&Delete…"), this);
    m_deleteAction->setShortcut(QKeySequence::Delete);
    m_deleteAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(m_deleteAction, &QAction::triggered, this, [this]() {
        if (!m_actions || m_endpoint.isEmpty())
            return;
        if (selectedDeployment().isEmpty())
            m_actions->deleteEndpoint(m_endpoint);
        else
            m_actions->deleteDeployment(m_endpoint, selectedDeployment());
    });
    m_refreshAction = new QAction(tr("&Refresh"), this);
    m_refreshAction->setShortcut(QKeySequence::Refresh);
    connect(m_refreshAction, &QAction::triggered, this, [this]() {
        if (m_store)
            m_store->refresh();
    });
    m_quitAction = new QAction(tr("&Quit"), this);
    m_quitAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Q));
    m_quitAction->setMenuRole(QAction::QuitRole);
    connect(m_quitAction, &QAction::triggered, this, &QWidget::close);
    m_aboutAction = new QAction(tr("&About RolloutDesk"), this);
    m_aboutAction->setMenuRole(QAction::AboutRole);
    connect(m_aboutAction, &QAction::triggered, this, &MainWindow::showAbout);
}

void MainWindow::buildMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(m_newEndpointAction);
    file->addAction(m_newDeploymentAction);
    file->addAction(m_newDeploymentFormAction);
    m_recentMenu = file->addMenu(tr("Recent &Files"));
    connect(m_recentMenu, &QMenu::aboutToShow, this, &MainWindow::rebuildRecentMenu);
    rebuildRecentMenu();
    file->addSeparator();
    file->addAction(m_quitAction);

    QMenu *deployment = menuBar()->addMenu(tr("&Endpoint"));
    deployment->addAction(m_updateDeploymentAction);
    deployment->addAction(m_scaleAction);
    deployment->addSeparator();
    deployment->addAction(m_deleteAction);

    QMenu *view = menuBar()->addMenu(tr("&View"));
    view->addAction(m_refreshAction);

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(m_aboutAction);
}

void MainWindow::buildLayout()
{
    // Left: the workspace and its endpoints.
    auto *left = new QWidget(this);
    m_picker = new WorkspacePicker(left);
    m_tree = new QTreeView(left);
    m_tree->setObjectName(QStringLiteral("endpointTree"));
    m_tree->setAccessibleName(tr("Endpoints and deployments"));
    m_tree->setUniformRowHeights(true);
    m_tree->setAllColumnsShowFocus(true);
    m_tree->setSelectionMode(QAbstractItemView::SingleSelection);
    m_tree->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_tree->setContextMenuPolicy(Qt::CustomContextMenu);
    m_tree->addAction(m_deleteAction);
    connect(m_tree, &QTreeView::customContextMenuRequested, this, &MainWindow::showTreeMenu);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(8, 8, 4, 8);
    leftLayout->addWidget(m_picker);
    leftLayout->addWidget(m_tree, 1);
    connect(m_picker, &WorkspacePicker::localWorkspaceChosen, this, [this](const QString &dir) {
        if (dir != m_stateDir || !m_store || m_azure)
            openLocalWorkspace(dir);
    });
    connect(m_picker, &WorkspacePicker::azureWorkspaceChosen, this, &MainWindow::openAzureWorkspace);

    // Right: a message line, then the panels (or what to do when there are none).
    auto *right = new QWidget(this);
    m_messages = new MessageBar(right);
    m_rightStack = new QStackedWidget(right);
    m_placeholder = new QWidget(m_rightStack);
    m_placeholderIcon = new QLabel(m_placeholder);
    m_placeholderIcon->setAlignment(Qt::AlignCenter);
    m_placeholderText = new QLabel(m_placeholder);
    m_placeholderText->setObjectName(QStringLiteral("placeholderText"));
    m_placeholderText->setAlignment(Qt::AlignCenter);
    m_placeholderText->setWordWrap(true);
    m_placeholderText->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_demoButton = new QPushButton(tr("Create the Demo Endpoint"), m_placeholder);
    m_demoButton->setObjectName(QStringLiteral("demoButton"));
    m_demoButton->setToolTip(tr("Endpoint 'demo' with deployment 'blue' (demo model v1, all traffic) and "
                                "'green' (v2, 0 %): everything you need to try a safe rollout."));
    m_newEndpointButton = new QPushButton(tr("New Endpoint…"), m_placeholder);
    m_retryButton = new QPushButton(tr("Try Again"), m_placeholder);
    connect(m_demoButton, &QPushButton::clicked, this, &MainWindow::startDemo);
    connect(m_newEndpointButton, &QPushButton::clicked, m_newEndpointAction, &QAction::trigger);
    connect(m_retryButton, &QPushButton::clicked, this, [this]() {
        if (m_azure)
            openAzureWorkspace(*m_azure);
        else
            openLocalWorkspace(m_stateDir);
    });
    auto *buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(m_demoButton);
    buttons->addWidget(m_newEndpointButton);
    buttons->addWidget(m_retryButton);
    buttons->addStretch(1);
    auto *placeholderLayout = new QVBoxLayout(m_placeholder);
    placeholderLayout->addStretch(2);
    placeholderLayout->addWidget(m_placeholderIcon);
    placeholderLayout->addSpacing(8);
    placeholderLayout->addWidget(m_placeholderText);
    placeholderLayout->addSpacing(12);
    placeholderLayout->addLayout(buttons);
    placeholderLayout->addStretch(3);
    m_tabs = new QTabWidget(m_rightStack);
    m_tabs->setObjectName(QStringLiteral("panels"));
    m_tabs->setDocumentMode(true);
    // A panel may want more room than a small window has: it is squeezed (and says so with
    // its own scroll bars), never the endpoint tree.
    m_rightStack->setMinimumWidth(480);
    m_rightStack->addWidget(m_placeholder);
    m_rightStack->addWidget(m_tabs);
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(4, 8, 8, 8);
    rightLayout->addWidget(m_messages);
    rightLayout->addWidget(m_rightStack, 1);

    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_splitter->setObjectName(QStringLiteral("mainSplitter"));
    m_splitter->addWidget(left);
    m_splitter->addWidget(right);
    left->setMinimumWidth(300);
    m_splitter->setStretchFactor(0, 0);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setChildrenCollapsible(false);
    setCentralWidget(m_splitter);

    // Status bar: where the host is, and what is running.
    m_hostIcon = new QLabel(this);
    m_hostLabel = new QLabel(this);
    m_hostLabel->setObjectName(QStringLiteral("hostStatus"));
    m_operationsLabel = new QLabel(this);
    m_reconnect = new QToolButton(this);
    m_reconnect->setText(tr("Reconnect"));
    m_reconnect->setToolTip(tr("Start the local host again if it is not running, and reconnect"));
    m_reconnect->hide();
    connect(m_reconnect, &QToolButton::clicked, this, [this]() { openLocalWorkspace(m_stateDir); });
    statusBar()->addWidget(m_hostIcon);
    statusBar()->addWidget(m_hostLabel, 1);
    statusBar()->addPermanentWidget(m_operationsLabel);
    statusBar()->addPermanentWidget(m_reconnect);
}

// --- the workspace session ---------------------------------------------------------------------

void MainWindow::closeWorkspace()
{
    // Panels first: they hold the store; then the client, which owns store, model and tracker.
    if (m_tree)
        m_tree->setModel(nullptr);
    if (m_tabs) {
        while (m_tabs->count() > 0)
            m_tabs->removeTab(0);
    }
    qDeleteAll(m_panelWidgets);
    m_panelWidgets.clear();
    delete m_actions;
    delete m_launcher;
    delete m_client;
    delete m_signIn;
    m_endpoint.clear();
    m_controlUrl.clear();
}

void MainWindow::openLocalWorkspace(const QString &stateDir)
{
    closeWorkspace();
    if (m_azure)
        m_messages->dismiss(); // a sign-in prompt or load error of the Azure workspace left
    m_azure.reset();
    m_stateDir = stateDir;
    m_hostFailing = false;
    m_picker->setLocalStateDir(stateDir);
    m_hostIcon->setPixmap(Theme::stateIcon(QStringLiteral("Creating"), palette()).pixmap(16, 16));
    m_hostLabel->setText(tr("Starting the local workspace host…"));
    m_reconnect->hide();
    updatePlaceholder();
    // The app starts the host itself: a user never runs rolloutd by hand.
    m_launcher = new LocalHostLauncher(stateDir, this);
    connect(m_launcher, &LocalHostLauncher::hostReady, this, &MainWindow::onHostReady);
    connect(m_launcher, &LocalHostLauncher::hostFailed, this, &MainWindow::onHostFailed);
    m_launcher->ensureRunning();
}

void MainWindow::onHostFailed(const Error &error)
{
    m_hostFailing = true;
    m_hostIcon->setPixmap(Theme::stateIcon(QStringLiteral("Failed"), palette()).pixmap(16, 16));
    m_hostLabel->setText(tr("The local workspace host did not start: %1").arg(error.message.section(QLatin1Char('\n'), 0, 0)));
    m_hostLabel->setToolTip(error.message);
    m_reconnect->show();
    m_placeholderText->setText(tr("The local workspace host did not start.\n\n%1").arg(error.message));
    updatePlaceholder();
}

void MainWindow::onHostReady(const LocalWorkspace::HostInfo &info)
{
    Result<WorkspaceConnection> connection =
        LocalHostLauncher::connectionFor(m_stateDir, ClientInfo::userAgent(QStringLiteral("rolloutdesk")));
    if (!connection) {
        onHostFailed(connection.error());
        return;
    }
    m_controlUrl = info.controlUrl;
    startSession(new WorkspaceClient(connection.value(), this));
    m_hostLabel->setToolTip(tr("Local workspace state folder: %1").arg(m_stateDir));
}

void MainWindow::openAzureWorkspace(const WorkspaceProfile &profile)
{
    closeWorkspace();
    m_azure = profile;
    m_hostFailing = false;
    m_messages->dismiss();
    m_reconnect->hide();
    m_signIn = new AzureSignIn(profile, this);
    connect(m_signIn, &AzureSignIn::stateChanged, this, [this](AzureSignIn::State state, const QString &text) {
        m_picker->setSignInState(state == AzureSignIn::State::SignedIn ? WorkspacePicker::SignIn::SignedIn
                                 : state == AzureSignIn::State::Failed ? WorkspacePicker::SignIn::Failed
                                                                       : WorkspacePicker::SignIn::SigningIn,
                                 text);
        if (state == AzureSignIn::State::SignedIn && m_messages->kind() == MessageBar::Kind::Info)
            m_messages->dismiss(); // the device code is no longer needed
    });
    connect(m_signIn, &AzureSignIn::userCodeReceived, this, [this](const QString &code, const QString &uri) {
        m_messages->showMessage(MessageBar::Kind::Info,
                                tr("To sign in to Azure, open %1 and enter the code %2.").arg(uri, code),
                                tr("Cancel Sign-in"), [this]() {
                                    if (m_signIn)
                                        m_signIn->cancel();
                                });
    });
    WorkspaceConnection connection = profile.connection(ClientInfo::userAgent(QStringLiteral("rolloutdesk")));
    auto *client = new WorkspaceClient(connection, this);
    client->setCredential(m_signIn->credential());
    m_signIn->start();
    startSession(client);
    m_hostLabel->setToolTip(profile.workspacePath());
}

void MainWindow::onAzureLoadFailed(const Error &error)
{
    // Nothing was shown yet: the session goes (no retries behind the user's back) and the
    // reason stays in the message bar, with the way back to Local.
    const QString name = m_azure ? m_azure->displayName() : QString();
    closeWorkspace();
    m_hostFailing = true;
    m_hostIcon->setPixmap(Theme::stateIcon(QStringLiteral("Failed"), palette()).pixmap(16, 16));
    m_hostLabel->setText(tr("The Azure workspace %1 could not be loaded.").arg(name));
    m_hostLabel->setToolTip(error.message);
    m_placeholderText->setText(tr("The Azure workspace %1 could not be loaded.\n\n%2").arg(name, error.message));
    m_messages->showMessage(MessageBar::Kind::Error,
                            tr("The Azure workspace %1 could not be loaded: %2").arg(name, error.message),
                            tr("Back to Local"), [this]() { m_picker->chooseLocal(); });
    updatePlaceholder();
}

QString MainWindow::connectedText() const
{
    return m_azure ? tr("Connected to the Azure workspace %1").arg(m_azure->displayName())
                   : tr("Connected to rolloutd at %1").arg(m_controlUrl);
}

void MainWindow::startSession(WorkspaceClient *client)
{
    m_client = client;
    m_store = new WorkspaceStore(m_client, m_client);
    m_model = new EndpointTreeModel(m_store, m_store);
    m_tracker = new OperationTracker(m_store, m_model, m_store);
    m_actions = new EndpointActions(m_store, m_tracker, this);

    m_tree->setModel(m_model);
    QHeaderView *header = m_tree->header();
    header->setStretchLastSection(false);
    header->setSectionResizeMode(EndpointTreeModel::NameColumn, QHeaderView::Stretch);
    for (int c = EndpointTreeModel::StateColumn; c < EndpointTreeModel::ColumnCount; ++c)
        header->setSectionResizeMode(c, QHeaderView::ResizeToContents);
    connect(m_tree->selectionModel(), &QItemSelectionModel::selectionChanged, this, &MainWindow::onSelectionChanged);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, [this](const QModelIndex &parent, int first, int last) {
        if (parent.isValid())
            return;
        // Endpoints show their deployments; the one the user just made is selected.
        for (int row = first; row <= last; ++row) {
            const QModelIndex index = m_model->index(row, 0);
            m_tree->expand(index);
            if (index.data(EndpointTreeModel::EndpointNameRole).toString() == m_selectWhenAdded) {
                m_selectWhenAdded.clear();
                selectEndpoint(index.data(EndpointTreeModel::EndpointNameRole).toString());
            }
        }
    });
    connect(m_store, &WorkspaceStore::refreshed, this, &MainWindow::onRefreshed);
    connect(m_store, &WorkspaceStore::refreshFailed, this, &MainWindow::onRefreshFailed);
    connect(m_tracker, &OperationTracker::operationFailed, this, [this](const QString &what, const Error &error) {
        m_messages->showMessage(MessageBar::Kind::Error, tr("%1 failed: %2").arg(what, error.message));
    });
    connect(m_tracker, &OperationTracker::runningChanged, this, [this](int running) {
        m_operationsLabel->setText(running > 0 ? tr("%n operation(s) running", nullptr, running) : QString());
    });
    connect(m_actions, &EndpointActions::actionFailed, this, [this](const QString &what, const Error &error) {
        m_messages->showMessage(MessageBar::Kind::Error, tr("%1 failed: %2").arg(what, error.message));
    });
    connect(m_actions, &EndpointActions::fileUsed, this, &MainWindow::addRecentFile);
    connect(m_actions, &EndpointActions::trafficRequested, this, [this](const QString &endpoint) {
        selectEndpoint(endpoint);
        if (m_traffic)
            m_tabs->setCurrentWidget(m_traffic);
    });

    addPanels();
    m_hostIcon->setPixmap(Theme::stateIcon(QStringLiteral("Succeeded"), palette()).pixmap(16, 16));
    m_hostLabel->setText(connectedText());
    m_store->start();
    updatePlaceholder();
    emit workspaceOpened();
}

void MainWindow::addPanels()
{
    m_overview = new OverviewPanel(m_store);
    m_traffic = new TrafficPanel(m_store);
    m_test = new TestPanel(m_store);
    m_monitor = new MonitorPanel(m_store);
    m_logs = new LogsPanel(m_store);
    m_rollout = new RolloutPanel(m_store);
    // The load generator sends what the Test tab's editor holds.
    QPointer<TestPanel> test = m_test;
    m_monitor->setBodySource([test]() { return test ? test->requestBody() : QByteArray(); });
    m_tabs->addTab(m_overview, tr("Overview"));
    m_tabs->addTab(m_traffic, tr("Traffic"));
    m_tabs->addTab(m_test, tr("Test"));
    m_tabs->addTab(m_monitor, tr("Monitor"));
    m_tabs->addTab(m_rollout, tr("Rollout"));
    m_tabs->addTab(m_logs, tr("Logs"));
    m_panelWidgets = { m_overview, m_traffic, m_test, m_monitor, m_rollout, m_logs };
    connect(m_overview, &OverviewPanel::deploymentActivated, this, [this](const QString &e, const QString &d) {
        selectEndpoint(e, d);
    });
}

void MainWindow::onRefreshed()
{
    if (m_hostFailing) {
        m_hostFailing = false;
        m_hostIcon->setPixmap(Theme::stateIcon(QStringLiteral("Succeeded"), palette()).pixmap(16, 16));
        m_hostLabel->setText(connectedText());
        m_reconnect->hide();
    }
    // First picture: select what was selected last time, or the first endpoint.
    if (m_endpoint.isEmpty() && m_selectWhenAdded.isEmpty() && m_model->rowCount() > 0) {
        const QString last = AppSettings().lastEndpoint();
        selectEndpoint(m_store->endpoint(last) ? last : m_model->index(0, 0).data(EndpointTreeModel::EndpointNameRole).toString());
    }
    if (m_store->endpoints().isEmpty() && m_options.demo && !m_demoOffered) {
        m_demoOffered = true; // --demo: once, and only on an empty workspace
        startDemo();
    }
    updatePlaceholder();
}

void MainWindow::onRefreshFailed(const Error &error)
{
    if (m_azure && !m_store->isLoaded()) {
        // Later: the session goes, and the store is the one emitting.
        QMetaObject::invokeMethod(this, [this, error, store = m_store]() {
            if (store && store == m_store && !store->isLoaded())
                onAzureLoadFailed(error);
        }, Qt::QueuedConnection);
        return;
    }
    // The last picture stays; the status bar says why it is not fresh.
    m_hostFailing = true;
    m_hostIcon->setPixmap(Theme::stateIcon(QStringLiteral("Failed"), palette()).pixmap(16, 16));
    m_hostLabel->setText(m_azure ? tr("Cannot refresh from the Azure workspace %1: %2").arg(m_azure->displayName(), error.message)
                                 : tr("Cannot refresh from rolloutd at %1: %2").arg(m_controlUrl, error.message));
    m_hostLabel->setToolTip(error.message);
    m_reconnect->setVisible(!m_azure);
}

void MainWindow::startDemo()
{
    if (!m_store || (m_demo && m_demo->isRunning()))
        return;
    const QString dir = DemoSeeder::findDemoDir();
    if (!m_demo) {
        m_demo = new DemoSeeder(m_store, m_store);
        connect(m_demo, &DemoSeeder::progress, this, [this](const QString &text) {
            m_messages->showMessage(MessageBar::Kind::Info, text);
        });
        connect(m_demo, &DemoSeeder::finished, this, [this]() {
            m_messages->showMessage(MessageBar::Kind::Success,
                                    tr("The demo is ready: 'blue' has all the traffic and 'green' 0 %. "
                                       "Try it in the Test tab, then move traffic in the Traffic tab."),
                                    tr("Open Traffic"), [this]() {
                                        selectEndpoint(DemoSeeder::endpointName());
                                        if (m_traffic)
                                            m_tabs->setCurrentWidget(m_traffic);
                                    });
        });
        connect(m_demo, &DemoSeeder::failed, this, [this](const Error &error) {
            m_messages->showMessage(MessageBar::Kind::Error, tr("The demo could not be created: %1").arg(error.message));
            updatePlaceholder();
        });
    }
    m_selectWhenAdded = DemoSeeder::endpointName();
    m_demo->run(dir);
    updatePlaceholder();
}

// --- selection and what the right side shows -------------------------------------------------------

void MainWindow::selectEndpoint(const QString &endpoint, const QString &deployment)
{
    if (!m_model)
        return;
    const QModelIndex index = m_model->indexOf(endpoint, deployment);
    if (!index.isValid())
        return;
    m_tree->expand(m_model->indexOf(endpoint));
    m_tree->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_tree->scrollTo(index);
}

QString MainWindow::selectedDeployment() const
{
    if (!m_tree->selectionModel())
        return QString();
    const QModelIndexList rows = m_tree->selectionModel()->selectedRows();
    return rows.isEmpty() ? QString() : rows.first().data(EndpointTreeModel::DeploymentNameRole).toString();
}

void MainWindow::onSelectionChanged()
{
    const QModelIndexList rows = m_tree->selectionModel()->selectedRows();
    const QString endpoint = rows.isEmpty() ? QString() : rows.first().data(EndpointTreeModel::EndpointNameRole).toString();
    if (endpoint != m_endpoint) {
        m_endpoint = endpoint;
        if (!endpoint.isEmpty())
            AppSettings().setLastEndpoint(endpoint);
        // Every panel follows the selected endpoint.
        m_overview->setEndpoint(endpoint);
        m_traffic->setEndpoint(endpoint);
        m_test->setEndpoint(endpoint);
        m_monitor->setEndpoint(endpoint);
        m_logs->setEndpoint(endpoint);
        m_rollout->setEndpoint(endpoint);
    }
    if (!selectedDeployment().isEmpty())
        m_logs->setDeployment(selectedDeployment());
    updatePlaceholder();
    updateActions();
}

void MainWindow::updatePlaceholder()
{
    const bool connected = m_store && m_store->isLoaded();
    const bool empty = connected && m_store->endpoints().isEmpty();
    const bool seeding = m_demo && m_demo->isRunning();
    QString text;
    Theme::Icon icon = Theme::Icon::Endpoint;
    if (!m_store && !m_hostFailing) {
        text = tr("Starting the local workspace host…");
    } else if (!m_store) {
        text = m_placeholderText->text();
        icon = Theme::Icon::Error;
    } else if (!connected) {
        text = tr("Reading the workspace…");
    } else if (seeding) {
        text = tr("Creating the demo endpoint…");
    } else if (empty) {
        text = tr("This workspace has no endpoints yet.\n\nCreate the demo to try a blue/green rollout "
                  "right away, or create your own endpoint.");
    } else {
        text = tr("Select an endpoint on the left.");
    }
    m_placeholderText->setText(text);
    m_placeholderIcon->setPixmap(Theme::icon(icon, palette()).pixmap(48, 48));
    m_demoButton->setVisible(empty && !seeding && !DemoSeeder::findDemoDir().isEmpty());
    m_newEndpointButton->setVisible(empty && !seeding);
    m_retryButton->setVisible(!m_store && m_hostFailing);
    m_rightStack->setCurrentWidget(m_endpoint.isEmpty() ? m_placeholder : static_cast<QWidget *>(m_tabs));
}

void MainWindow::updateActions()
{
    const bool open = m_actions;
    const bool deployment = !selectedDeployment().isEmpty();
    m_newEndpointAction->setEnabled(open);
    m_newDeploymentAction->setEnabled(open);
    m_newDeploymentFormAction->setEnabled(open);
    m_updateDeploymentAction->setEnabled(open && deployment);
    m_scaleAction->setEnabled(open && deployment);
    m_deleteAction->setEnabled(open && !m_endpoint.isEmpty());
    m_deleteAction->setText(deployment ? tr("&Delete Deployment…") : tr("&Delete Endpoint…"));
    m_refreshAction->setEnabled(open);
}

void MainWindow::showTreeMenu(const QPoint &position)
{
    const QModelIndex index = m_tree->indexAt(position);
    auto *menu = new QMenu(this);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    if (index.isValid()) {
        menu->addAction(m_newDeploymentAction);
        menu->addAction(m_newDeploymentFormAction);
        if (!selectedDeployment().isEmpty()) {
            menu->addAction(m_updateDeploymentAction);
            menu->addAction(m_scaleAction);
        }
        menu->addSeparator();
        menu->addAction(m_deleteAction);
    } else {
        menu->addAction(m_newEndpointAction);
    }
    menu->addSeparator();
    menu->addAction(m_refreshAction);
    menu->popup(m_tree->viewport()->mapToGlobal(position));
}

// --- files, settings, look -------------------------------------------------------------------------

void MainWindow::rebuildRecentMenu()
{
    m_recentMenu->clear();
    const QStringList files = AppSettings().recentFiles();
    for (int i = 0; i < files.size(); ++i) {
        const QString path = files.at(i);
        QAction *action = m_recentMenu->addAction(tr("&%1 %2").arg(i + 1).arg(QFileInfo(path).fileName()));
        action->setToolTip(path);
        action->setStatusTip(path);
        action->setEnabled(QFileInfo::exists(path) && m_actions);
        connect(action, &QAction::triggered, this, [this, path]() {
            if (m_actions)
                m_actions->openYamlFile(path, m_endpoint);
        });
    }
    if (files.isEmpty()) {
        m_recentMenu->addAction(tr("No recent files"))->setEnabled(false);
        return;
    }
    m_recentMenu->addSeparator();
    connect(m_recentMenu->addAction(tr("&Clear List")), &QAction::triggered, this, []() { AppSettings().clearRecentFiles(); });
}

void MainWindow::addRecentFile(const QString &path)
{
    AppSettings().addRecentFile(path);
}

void MainWindow::showAbout()
{
    Dialogs::inform(this, QMessageBox::Information, tr("About RolloutDesk"),
                    tr("RolloutDesk %1\n\nSafe rollout (blue/green) of machine-learning models on online "
                       "endpoints: deploy a new version with no traffic, test it, mirror and move traffic "
                       "step by step, and delete the old one. The local workspace runs everything on this "
                       "computer; Azure Machine Learning workspaces follow the same REST contract.\n\n"
                       "Built with Qt %2.")
                        .arg(QStringLiteral(ROLLOUTDESK_VERSION), QString::fromLatin1(qVersion())));
}

void MainWindow::applyIcons()
{
    const QPalette pal = palette();
    m_newEndpointAction->setIcon(Theme::icon(Theme::Icon::Add, pal));
    m_deleteAction->setIcon(Theme::icon(Theme::Icon::Delete, pal));
    m_refreshAction->setIcon(Theme::icon(Theme::Icon::Refresh, pal));
    m_aboutAction->setIcon(Theme::icon(Theme::Icon::Info, pal));
    setWindowIcon(Theme::icon(Theme::Icon::Endpoint, pal));
}

void MainWindow::changeEvent(QEvent *event)
{
    // The system switched light/dark: icons and colours are drawn from the palette again.
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::ApplicationPaletteChange) {
        if (m_newEndpointAction) {
            applyIcons();
            if (m_model)
                m_model->paletteChanged();
            updatePlaceholder();
        }
    }
    QMainWindow::changeEvent(event);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    AppSettings settings;
    settings.setWindowGeometry(saveGeometry());
    settings.setWindowState(saveState());
    settings.setSplitterState(m_splitter->saveState());
    event->accept();
}

QString MainWindow::hostStatus() const
{
    return m_hostLabel->text();
}

QString MainWindow::placeholderText() const
{
    return m_placeholderText->text();
}

WorkspaceStore *MainWindow::store() const
{
    return m_store;
}

EndpointTreeModel *MainWindow::treeModel() const
{
    return m_model;
}

EndpointActions *MainWindow::actions() const
{
    return m_actions;
}

TrafficPanel *MainWindow::trafficPanel() const
{
    return m_traffic;
}
