#pragma once

// The main window. It only wires: the workspace picker and the endpoint tree on the left,
// the selected endpoint's panels on the right, menus, and the host's state in the status
// bar. Each panel is its own widget class; actions live in EndpointActions.

#include "result.h"
#include "workspaceprofile.h"

#include <QMainWindow>
#include <QPointer>
#include <optional>

class AzureSignIn;
class DemoSeeder;
class EndpointActions;
class EndpointTreeModel;
class LocalHostLauncher;
class LogsPanel;
class RolloutPanel;
class MessageBar;
class MonitorPanel;
class OperationTracker;
class OverviewPanel;
class QLabel;
class QMenu;
class QPushButton;
class QSplitter;
class QStackedWidget;
class QTabWidget;
class QToolButton;
class QTreeView;
class TestPanel;
class TrafficPanel;
class WorkspaceClient;
class WorkspacePicker;
class WorkspaceStore;
namespace LocalWorkspace {
struct HostInfo;
}

struct StartOptions
{
    QString stateDir; // empty: LocalWorkspace::stateDir()
    bool demo = false; // create the demo without asking when the workspace is empty
};

class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)
public:
    explicit MainWindow(const StartOptions &options = {}, QWidget *parent = nullptr);
    ~MainWindow() override;

    // --demo, --state-dir DIR (and --help, --version, which exit).
    static StartOptions parseCommandLine(const QStringList &arguments);

    WorkspaceStore *store() const;
    EndpointTreeModel *treeModel() const;
    QTreeView *treeView() const { return m_tree; }
    EndpointActions *actions() const;
    QTabWidget *panels() const { return m_tabs; }
    TrafficPanel *trafficPanel() const;
    MessageBar *messageBar() const { return m_messages; }
    QString hostStatus() const;
    WorkspacePicker *picker() const { return m_picker; }
    QString placeholderText() const;
    QString selectedEndpoint() const { return m_endpoint; }
    void selectEndpoint(const QString &endpoint, const QString &deployment = QString());
    void startDemo();

signals:
    void workspaceOpened(); // a host answered and the panels are up

protected:
    void closeEvent(QCloseEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void buildActions();
    void buildMenus();
    void buildLayout();
    void openLocalWorkspace(const QString &stateDir);
    void openAzureWorkspace(const WorkspaceProfile &profile);
    void onAzureLoadFailed(const Error &error);
    void startSession(WorkspaceClient *client);
    QString connectedText() const;
    void closeWorkspace();
    void onHostReady(const LocalWorkspace::HostInfo &info);
    void onHostFailed(const Error &error);
    void onRefreshed();
    void onRefreshFailed(const Error &error);
    void addPanels();
    void onSelectionChanged();
    void updatePlaceholder();
    void updateActions();
    void showTreeMenu(const QPoint &position);
    void rebuildRecentMenu();
    void addRecentFile(const QString &path);
    void showAbout();
    void applyIcons();
    QString selectedDeployment() const;

    StartOptions m_options;
    QString m_stateDir;
    bool m_demoOffered = false;
    QString m_selectWhenAdded;

    // One workspace session: rebuilt when the workspace is (re)opened.
    QPointer<LocalHostLauncher> m_launcher;
    QPointer<AzureSignIn> m_signIn;
    std::optional<WorkspaceProfile> m_azure; // the Azure workspace shown, else Local
    QPointer<WorkspaceClient> m_client;
    QPointer<WorkspaceStore> m_store;
    QPointer<EndpointTreeModel> m_model;
    QPointer<OperationTracker> m_tracker;
    QPointer<EndpointActions> m_actions;
    QPointer<DemoSeeder> m_demo;
    QPointer<OverviewPanel> m_overview;
    QPointer<TrafficPanel> m_traffic;
    QPointer<TestPanel> m_test;
    QPointer<MonitorPanel> m_monitor;
    QPointer<LogsPanel> m_logs;
    QPointer<RolloutPanel> m_rollout;
    QList<QWidget *> m_panelWidgets;
    QString m_controlUrl;
    QString m_endpoint;
    bool m_hostFailing = false;

    WorkspacePicker *m_picker = nullptr;
    QTreeView *m_tree = nullptr;
    QSplitter *m_splitter = nullptr;
    MessageBar *m_messages = nullptr;
    QStackedWidget *m_rightStack = nullptr;
    QWidget *m_placeholder = nullptr;
    QLabel *m_placeholderIcon = nullptr;
    QLabel *m_placeholderText = nullptr;
    QPushButton *m_demoButton = nullptr;
    QPushButton *m_newEndpointButton = nullptr;
    QPushButton *m_retryButton = nullptr;
    QTabWidget *m_tabs = nullptr;
    QLabel *m_hostIcon = nullptr;
    QLabel *m_hostLabel = nullptr;
    QLabel *m_operationsLabel = nullptr;
    QToolButton *m_reconnect = nullptr;
    QMenu *m_recentMenu = nullptr;

    QAction *m_newEndpointAction = nullptr;
    QAction *m_newDeploymentAction = nullptr;
    QAction *m_newDeploymentFormAction = nullptr;
    QAction *m_updateDeploymentAction = nullptr;
    QAction *m_scaleAction = nullptr;
    QAction *m_deleteAction = nullptr;
    QAction *m_refreshAction = nullptr;
    QAction *m_quitAction = nullptr;
    QAction *m_aboutAction = nullptr;
};
