#pragma once

// The Overview tab: how to call the endpoint (scoring URI, auth mode, keys with reveal,
// copy and regenerate) and what runs behind it (a table of its deployments).

#include "dialogs.h"

#include <QPointer>
#include <QWidget>

class DeploymentTableModel;
class QLabel;
class QLineEdit;
class QTableView;
class QToolButton;
class WorkspaceStore;
struct ApiResult;

class OverviewPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OverviewPanel)
public:
    explicit OverviewPanel(WorkspaceStore *store, QWidget *parent = nullptr);

    void setEndpoint(const QString &endpoint);
    QString endpoint() const { return m_endpoint; }

    Dialogs::Confirm confirm; // asks before a key is regenerated; tests replace it

    DeploymentTableModel *deploymentsModel() const { return m_deployments; }
    QTableView *deploymentsView() const { return m_table; }
    QString primaryKey() const;
    QString keysStatus() const;
    void regenerate(const QString &keyType); // "Primary" | "Secondary": asks first

signals:
    void deploymentActivated(const QString &endpoint, const QString &deployment);

protected:
    void changeEvent(QEvent *event) override;

private:
    struct KeyRow
    {
        QLabel *label = nullptr;
        QLineEdit *field = nullptr;
        QToolButton *reveal = nullptr;
        QToolButton *copy = nullptr;
        QToolButton *regenerate = nullptr;
    };
    KeyRow makeKeyRow(const QString &keyType);
    void updateFromStore();
    void loadKeys();
    void setKeysStatus(const QString &text, bool failed);
    void copyText(const QString &text, const QString &what);
    void applyIcons();

    QPointer<WorkspaceStore> m_store;
    QString m_endpoint;
    QString m_authMode;
    int m_generation = 0;

    QLabel *m_title = nullptr;
    QLabel *m_stateIcon = nullptr;
    QLabel *m_state = nullptr;
    QLineEdit *m_scoringUri = nullptr;
    QToolButton *m_copyUri = nullptr;
    QLabel *m_auth = nullptr;
    KeyRow m_primary;
    KeyRow m_secondary;
    QToolButton *m_reloadKeys = nullptr;
    QLabel *m_keysStatus = nullptr;
    bool m_keysFailed = false;
    DeploymentTableModel *m_deployments = nullptr;
    QTableView *m_table = nullptr;
};
