#include "operationtracker.h"

#include "endpointtreemodel.h"
#include "workspaceclient.h"
#include "workspacestore.h"

OperationTracker::OperationTracker(WorkspaceStore *store, EndpointTreeModel *model, QObject *parent)
    : QObject(parent), m_store(store), m_model(model)
{
}

void OperationTracker::started(const Operation &operation)
{
    if (m_model)
        m_model->setPending(operation.endpoint, operation.deployment, operation.pendingText);
    ++m_running;
    emit runningChanged(m_running);
}

void OperationTracker::abandoned(const Operation &operation)
{
    if (m_model)
        m_model->clearPending(operation.endpoint, operation.deployment);
    --m_running;
    emit runningChanged(m_running);
}

void OperationTracker::follow(const ApiResult &accepted, const Operation &operation, const Then &then)
{
    // The server's own state ("Creating") shows as soon as the store sees it.
    if (m_store)
        m_store->refresh();
    ApiReply *waiting = m_store->client()->waitForOperation(accepted, operation.resourcePath);
    connect(waiting, &ApiReply::finished, this, [this, operation, then](const ApiResult &result) {
        ApiReply *next = result.ok() && then ? then(result) : nullptr;
        if (!next) {
            finish(operation, result);
            return;
        }
        connect(next, &ApiReply::finished, this,
                [this, operation](const ApiResult &last) { finish(operation, last); });
    });
}

void OperationTracker::finish(const Operation &operation, const ApiResult &result)
{
    if (m_model)
        m_model->clearPending(operation.endpoint, operation.deployment);
    --m_running;
    emit runningChanged(m_running);
    if (m_store)
        m_store->refresh();
    if (result.ok())
        emit operationSucceeded(operation.description);
    else
        emit operationFailed(operation.description, *result.error);
}
