#pragma once

// The Rollout tab: a guarded rollout plan for the selected endpoint as a timeline (steps,
// current split, each guard green or red with its numbers). A plan runs here (a
// RolloutRunner in the app) or in `rolloutctl rollout start`: the tab follows the plan's
// state file either way, and its buttons act on whichever runner has the plan.

#include "rolloutplan.h"
#include "rolloutstate.h"

#include <QPointer>
#include <QTimer>
#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;
class RolloutGuardsModel;
class RolloutRunner;
class RolloutTimelineModel;
class WorkspaceStore;

class RolloutPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RolloutPanel)
public:
    static constexpr int WatchIntervalMs = 1000;

    explicit RolloutPanel(WorkspaceStore *store, QWidget *parent = nullptr);
    ~RolloutPanel() override;

    void setEndpoint(const QString &endpoint);
    QString endpoint() const { return m_endpoint; }
    void setStateDir(const QString &dir); // default: the local workspace's
    void setPlanFile(const QString &path);

    // The buttons' actions.
    void start();
    void act(const QString &action); // pause, resume, promote, abort
    void refresh(); // reads the state file again

    RolloutTimelineModel *timeline() const { return m_timeline; }
    RolloutGuardsModel *guards() const { return m_guards; }
    QString status() const;
    bool isRunningHere() const;

private:
    void showState(const RolloutState &state);
    void showError(const QString &message);
    void setStatusText(const QString &text); // under the last error, if any
    void showGuardsOf(int step);
    void updateButtons();
    RolloutRunner *newRunner();

    QPointer<WorkspaceStore> m_store;
    QString m_endpoint;
    QString m_stateDir;
    QPointer<RolloutRunner> m_runner;
    std::optional<RolloutState> m_state;
    QTimer m_watch;
    QString m_error; // the last action's error, shown until the next action
    QString m_shown;

    QLineEdit *m_planFile = nullptr;
    QPushButton *m_browse = nullptr;
    QPushButton *m_start = nullptr;
    QPushButton *m_pause = nullptr;
    QPushButton *m_resume = nullptr;
    QPushButton *m_promote = nullptr;
    QPushButton *m_abort = nullptr;
    QLabel *m_status = nullptr;
    QTableView *m_timelineView = nullptr;
    QTableView *m_guardsView = nullptr;
    RolloutTimelineModel *m_timeline = nullptr;
    RolloutGuardsModel *m_guards = nullptr;
};
