#pragma once

// The Traffic tab: where live traffic goes (a blue/green slider for two deployments, one
// share per deployment for more), where a copy is mirrored, and the change history with
// one-click revert. The rules of rules.h are checked as the user edits, so Apply is only
// enabled for a change the server will take; Apply shows before → after and asks first.

#include "dialogs.h"
#include "domain.h"

#include <QMap>
#include <QPointer>
#include <QWidget>

class HistoryModel;
class HistoryView;
class QComboBox;
class QFormLayout;
class QLabel;
class QProgressBar;
class QPushButton;
class QSlider;
class QSpinBox;
class QStackedWidget;
class QToolButton;
class TrafficSlider;
class WorkspaceStore;
struct ApiResult;

class TrafficPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TrafficPanel)
public:
    explicit TrafficPanel(WorkspaceStore *store, QWidget *parent = nullptr);

    void setEndpoint(const QString &endpoint);
    QString endpoint() const { return m_endpoint; }

    // Asks before anything is applied; tests replace it with one that accepts at once.
    Dialogs::Confirm confirm;

    // What the editors hold, and why Apply is disabled (empty when it is enabled).
    TrafficMap editedTraffic() const { return m_traffic; }
    TrafficMap editedMirror() const { return m_mirror; }
    QString reason() const;

    TrafficSlider *splitSlider() const { return m_slider; }
    QSpinBox *shareBox(const QString &deployment) const { return m_boxes.value(deployment); }
    QComboBox *mirrorTargetBox() const { return m_mirrorTarget; }
    QSlider *mirrorSlider() const { return m_mirrorSlider; }
    QPushButton *applyButton() const { return m_apply; }
    QString resultText() const;
    HistoryModel *historyModel() const { return m_history; }
    HistoryView *historyView() const { return m_historyView; }

    // Asks, then applies the 'before' maps of history row `row`.
    void revert(int row);

signals:
    void trafficApplied(const QString &endpoint);

protected:
    void changeEvent(QEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    QWidget *buildSplitEditor();
    QWidget *buildMirrorEditor();
    QWidget *buildHistory();
    void onStoreChanged();
    void rebuildEditors();
    void loadServerMaps();
    void showEdits();
    void refreshMirrorChoices();
    void updateState();
    void onApplyClicked();
    void apply(const std::optional<TrafficMap> &traffic, const std::optional<TrafficMap> &mirror);
    void onApplied(const ApiResult &result, const TrafficMap &traffic, const TrafficMap &mirror);
    void refreshHistory();
    void setResult(const QString &text, bool failed);
    void applyColors();
    bool isDirty() const;

    QPointer<WorkspaceStore> m_store;
    QString m_endpoint;
    QStringList m_deployments;
    TrafficMap m_serverTraffic;
    TrafficMap m_serverMirror;
    TrafficMap m_traffic; // edited: every deployment, 0 where none
    TrafficMap m_mirror; // edited: {target: share} or empty
    bool m_loading = false; // widgets are being set from the maps: no edit events
    bool m_busy = false;
    bool m_historyInFlight = false;
    int m_generation = 0; // answers for an endpoint no longer shown are dropped

    QLabel *m_title = nullptr;
    QStackedWidget *m_splitStack = nullptr;
    QWidget *m_noDeploymentsPage = nullptr;
    QWidget *m_twoWayPage = nullptr;
    QWidget *m_nWayPage = nullptr;
    TrafficSlider *m_slider = nullptr;
    QLabel *m_splitLabel = nullptr;
    QLabel *m_presetLabel = nullptr;
    QList<QToolButton *> m_presets;
    QFormLayout *m_nWayForm = nullptr;
    QMap<QString, QSpinBox *> m_boxes;
    QLabel *m_totalLabel = nullptr;
    QComboBox *m_mirrorTarget = nullptr;
    QSlider *m_mirrorSlider = nullptr;
    QLabel *m_mirrorValue = nullptr;
    QLabel *m_reasonLabel = nullptr;
    QPushButton *m_reset = nullptr;
    QPushButton *m_apply = nullptr;
    QProgressBar *m_busyBar = nullptr;
    QLabel *m_resultLabel = nullptr;
    bool m_resultFailed = false;
    HistoryModel *m_history = nullptr;
    HistoryView *m_historyView = nullptr;
    QLabel *m_historyStatus = nullptr;
};
