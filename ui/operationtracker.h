#pragma once

// Follows the long-running changes the user started (create, update, scale, delete) to
// their end: the row shows the operation's text at once, the store refreshes as it moves,
// and its end is announced: a failure in the server's words, next to where it is shown.

#include "apireply.h"

#include <QObject>
#include <QPointer>

#include <functional>

class EndpointTreeModel;
class WorkspaceStore;

class OperationTracker final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OperationTracker)
public:
    OperationTracker(WorkspaceStore *store, EndpointTreeModel *model, QObject *parent = nullptr);

    struct Operation
    {
        QString endpoint;
        QString deployment; // empty for the endpoint itself
        QString pendingText; // "Creating…"
        QString description; // "Create deployment 'green'": names the operation in messages
        QString resourcePath; // GET when done (empty for deletions)
    };

    // `accepted` is the server's first answer (201/202) to the change.
    // `then` runs after success and may start one more call (e.g. all traffic to the new
    // deployment); the operation ends with that call's answer.
    using Then = std::function<ApiReply *(const ApiResult &)>;
    void follow(const ApiResult &accepted, const Operation &operation, const Then &then = {});
    // Marks an operation as started before its first answer came.
    void started(const Operation &operation);
    void abandoned(const Operation &operation); // its first answer was a refusal

    int running() const { return m_running; }

signals:
    void operationSucceeded(const QString &description);
    void operationFailed(const QString &description, const Error &error);
    void runningChanged(int running);

private:
    void finish(const Operation &operation, const ApiResult &result);

    QPointer<WorkspaceStore> m_store;
    QPointer<EndpointTreeModel> m_model;
    int m_running = 0;
};
