#pragma once

// The Logs tab: the tail of one deployment's logs, read again every second in follow mode
// while the tab is visible.

#include <QPointer>
#include <QTimer>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QPlainTextEdit;
class QSpinBox;
class QToolButton;
class WorkspaceStore;

class LogsPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LogsPanel)
public:
    explicit LogsPanel(WorkspaceStore *store, QWidget *parent = nullptr);

    void setEndpoint(const QString &endpoint);
    void setDeployment(const QString &deployment); // picks it in the list
    QString deployment() const;
    void setFollowing(bool follow);
    bool isFollowing() const;
    void reload();

    QString text() const;
    QString status() const;

protected:
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    void updateDeployments();
    void updateTimer();

    QPointer<WorkspaceStore> m_store;
    QString m_endpoint;
    int m_generation = 0;
    bool m_inFlight = false;
    QTimer m_follow;

    QComboBox *m_deployment = nullptr;
    QSpinBox *m_lines = nullptr;
    QToolButton *m_reload = nullptr;
    QCheckBox *m_followBox = nullptr;
    QPlainTextEdit *m_text = nullptr;
    QLabel *m_status = nullptr;
};
