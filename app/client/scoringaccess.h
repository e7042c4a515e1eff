#pragma once

// What it takes to score against an endpoint: its scoring URI and a credential, the
// primary key (auth mode key, listKeys) or a token (aml_token, token). Fetched through the
// WorkspaceClient on first use and cached; callers that get a 401 invalidate and ask again.
// Shared by the Test and Monitor panels and the probe traffic of guarded rollouts.

#include "domain.h"
#include "result.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QUrl>

#include <functional>

class WorkspaceClient;

struct ScoringTarget
{
    QUrl scoringUri;
    QString credential;
    AuthMode authMode = AuthMode::Key;
};

class ScoringAccess final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ScoringAccess)
public:
    using Callback = std::function<void(const Result<ScoringTarget> &)>;

    explicit ScoringAccess(WorkspaceClient *client, QObject *parent = nullptr);

    void setClient(WorkspaceClient *client); // forgets everything cached
    // Calls `done` once, later (never from inside this call), unless `context` is gone.
    void resolve(const QString &endpoint, QObject *context, Callback done);
    void invalidate(const QString &endpoint);

private:
    struct Waiter
    {
        QPointer<QObject> context;
        Callback done;
    };
    struct Entry
    {
        ScoringTarget target;
        qint64 validUntilMs = 0; // a token's refresh time; keys are kept for a while
    };

    void fetch(const QString &endpoint);
    void fetchCredential(const QString &endpoint, ScoringTarget target, quint64 generation);
    void deliver(const QString &endpoint, const Result<ScoringTarget> &result);

    QPointer<WorkspaceClient> m_client;
    QHash<QString, Entry> m_cache;
    QHash<QString, QList<Waiter>> m_waiting;
    quint64 m_generation = 0;
};
