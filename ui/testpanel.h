#pragma once

// The Test tab: send a request body to the endpoint (its traffic rules decide) or to one
// named deployment (azureml-model-deployment), see the status, latency, the deployment that
// served it, the headers and the JSON answer; Compare sends the body to every deployment
// and shows the answers side by side. Credentials come from listKeys or token; all calls
// are asynchronous, the window never waits.

#include "recentrequestsmodel.h"

#include <QHash>
#include <QPointer>
#include <QWidget>

class CompareModel;
class CompareWidget;
class HeadersModel;
class JsonEditor;
class QComboBox;
class QLabel;
class QListView;
class QPlainTextEdit;
class QPushButton;
class QTabWidget;
class QTableView;
class ScoringAccess;
class ScoringClient;
class WorkspaceStore;

class TestPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TestPanel)
public:
    explicit TestPanel(WorkspaceStore *store, QWidget *parent = nullptr);

    void setEndpoint(const QString &endpoint);
    QString endpoint() const { return m_endpoint; }

    // The target: a deployment name, or empty for the endpoint's traffic rules.
    void setTarget(const QString &deployment);
    QString target() const;
    QStringList targets() const; // the deployments offered, in combo order

    void setRequestBody(const QByteArray &body);
    QByteArray requestBody() const;

    void send(); // Ctrl+Enter
    void compare();
    bool isBusy() const { return m_pending > 0; }

    const TestExchange *shownExchange() const { return m_shown ? &*m_shown : nullptr; }
    RecentRequestsModel *recentModel() const { return m_recent; }
    CompareModel *compareModel() const;
    HeadersModel *headersModel() const { return m_headers; }
    QString servedByText() const; // as shown: the deployment or "—"
    QString responseText() const; // the body as shown (pretty JSON)

signals:
    void requestAnswered(const TestExchange &exchange); // every answer, also Compare's
    void comparisonFinished();

private:
    void buildUi();
    void fillTargets();
    void score(const QString &deployment, const QByteArray &body,
               std::function<void(const TestExchange &)> done, bool retryOn401 = true);
    void showExchange(const TestExchange &exchange);
    void setBusy(int delta);
    void onLoadFileClicked();
    void onPrettyPrintClicked();
    void onRecentActivated(const QModelIndex &index);

    QPointer<WorkspaceStore> m_store;
    ScoringAccess *m_access;
    ScoringClient *m_scoring;
    QString m_endpoint;
    QHash<QString, QByteArray> m_bodies; // the body last edited per endpoint
    int m_pending = 0;
    quint64 m_sendGeneration = 0; // the newest Send is the one shown
    quint64 m_compareGeneration = 0;
    std::optional<TestExchange> m_shown;

    QComboBox *m_target = nullptr;
    QPushButton *m_send = nullptr;
    QPushButton *m_compare = nullptr;
    QPushButton *m_loadFile = nullptr;
    QPushButton *m_pretty = nullptr;
    JsonEditor *m_editor = nullptr;
    QLabel *m_check = nullptr;
    QListView *m_recentView = nullptr;
    RecentRequestsModel *m_recent = nullptr;
    QTabWidget *m_results = nullptr;
    QLabel *m_status = nullptr;
    QLabel *m_latency = nullptr;
    QLabel *m_servedBy = nullptr;
    QLabel *m_error = nullptr;
    HeadersModel *m_headers = nullptr;
    QTableView *m_headersView = nullptr;
    QPlainTextEdit *m_body = nullptr;
    CompareWidget *m_compareWidget = nullptr;
};
