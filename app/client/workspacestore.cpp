#include "workspacestore.h"

#include "armjson.h"
#include "workspaceclient.h"

#include <QJsonArray>

#include <algorithm>
#include <memory>

namespace {

constexpr int DefaultIntervalMs = 1000;

// Reads one list page's items; an item the mapper refuses is still shown by its name, so a
// resource this client does not fully understand never disappears from the picture.
template<typename T, typename Parse>
QList<std::pair<T, QJsonObject>> itemsOf(const QJsonObject &page, Parse parse)
{
    QList<std::pair<T, QJsonObject>> items;
    const QJsonArray value = page.value(QStringLiteral("value")).toArray();
    for (const QJsonValue &v : value) {
        const QJsonObject json = v.toObject();
        Result<T> parsed = parse(json);
        T item = parsed ? parsed.value() : T();
        if (item.name.isEmpty())
            item.name = json.value(QStringLiteral("name")).toString();
        if (item.name.isEmpty())
            continue;
        items.append({ item, json });
    }
    std::sort(items.begin(), items.end(),
              [](const auto &a, const auto &b) { return a.first.name < b.first.name; });
    return items;
}

QString nameOf(const EndpointSnapshot &e) { return e.endpoint.name; }
QString nameOf(const DeploymentSnapshot &d) { return d.deployment.name; }

// Position that keeps `list` sorted by name.
template<typename List>
qsizetype sortedPosition(const List &list, const QString &name)
{
    qsizetype row = 0;
    while (row < list.size() && nameOf(list.at(row)) < name)
        ++row;
    return row;
}

template<typename List>
qsizetype find(const List &list, const QString &name)
{
    for (qsizetype i = 0; i < list.size(); ++i) {
        if (nameOf(list.at(i)) == name)
            return i;
    }
    return -1;
}

} // namespace

WorkspaceStore::WorkspaceStore(WorkspaceClient *client, QObject *parent)
    : QObject(parent), m_client(client)
{
    m_timer.setInterval(DefaultIntervalMs);
    connect(&m_timer, &QTimer::timeout, this, &WorkspaceStore::refresh);
}

void WorkspaceStore::setRefreshInterval(int ms)
{
    m_timer.setInterval(ms);
}

void WorkspaceStore::start()
{
    refresh();
    m_timer.start();
}

const EndpointSnapshot *WorkspaceStore::endpoint(const QString &name) const
{
    const qsizetype i = find(m_endpoints, name);
    return i < 0 ? nullptr : &m_endpoints.at(i);
}

const DeploymentSnapshot *WorkspaceStore::deployment(const QString &endpoint, const QString &name) const
{
    const EndpointSnapshot *e = this->endpoint(endpoint);
    if (!e)
        return nullptr;
    const qsizetype i = find(e->deployments, name);
    return i < 0 ? nullptr : &e->deployments.at(i);
}

void WorkspaceStore::refresh()
{
    // One refresh at a time; a request during one runs once more right after it, so the
    // picture is never older than the last ask.
    if (m_inFlight) {
        m_again = true;
        return;
    }
    m_inFlight = true;
    m_again = false;
    ApiReply *reply = m_client->listEndpoints();
    connect(reply, &ApiReply::finished, this, &WorkspaceStore::onListed);
}

void WorkspaceStore::onListed(const ApiResult &result)
{
    auto finish = [this]() {
        m_inFlight = false;
        if (m_again)
            refresh();
    };
    if (!result.ok()) {
        emit refreshFailed(*result.error);
        finish();
        return;
    }
    const auto endpoints = itemsOf<Endpoint>(result.json, &ArmJson::endpointFromJson);
    // Gathered here until every endpoint's deployments have come back.
    struct Pending
    {
        QList<EndpointSnapshot> fresh;
        int waiting = 0;
        std::optional<Error> error;
    };
    auto pending = std::make_shared<Pending>();
    for (const auto &[endpoint, json] : endpoints)
        pending->fresh.append(EndpointSnapshot{ endpoint, json, {} });
    pending->waiting = int(pending->fresh.size());
    if (pending->waiting == 0) {
        apply({});
        finish();
        return;
    }
    for (qsizetype i = 0; i < pending->fresh.size(); ++i) {
        ApiReply *reply = m_client->listDeployments(pending->fresh.at(i).endpoint.name);
        connect(reply, &ApiReply::finished, this, [this, pending, i, finish](const ApiResult &listed) {
            if (listed.ok()) {
                for (const auto &[deployment, json] :
                     itemsOf<Deployment>(listed.json, &ArmJson::deploymentFromJson))
                    pending->fresh[i].deployments.append(DeploymentSnapshot{ deployment, json });
            } else if (listed.httpStatus == 404) {
                // Deleted between the two calls: drop it, the next refresh agrees.
                pending->fresh[i].endpoint.name.clear();
            } else if (!pending->error) {
                pending->error = *listed.error;
            }
            if (--pending->waiting > 0)
                return;
            if (pending->error) {
                emit refreshFailed(*pending->error);
            } else {
                QList<EndpointSnapshot> fresh;
                for (const EndpointSnapshot &e : std::as_const(pending->fresh)) {
                    if (!e.endpoint.name.isEmpty())
                        fresh.append(e);
                }
                apply(fresh);
            }
            finish();
        });
    }
}

void WorkspaceStore::apply(const QList<EndpointSnapshot> &fresh)
{
    // m_endpoints changes one row at a time and each signal follows its row's change, so a
    // listener that reads the store inside a slot sees exactly the rows announced so far.
    // Indexes, not references: a slot may copy endpoints(), and m_endpoints[i] then detaches
    // instead of writing through into the listener's copy.

    // 1. Removals: endpoints, then deployments of the endpoints that stay.
    for (qsizetype row = m_endpoints.size() - 1; row >= 0; --row) {
        const QString name = m_endpoints.at(row).endpoint.name;
        if (find(fresh, name) < 0) {
            m_endpoints.removeAt(row);
            emit endpointRemoved(name, int(row));
        }
    }
    for (qsizetype e = 0; e < m_endpoints.size(); ++e) {
        const QString endpoint = m_endpoints.at(e).endpoint.name;
        const EndpointSnapshot &next = fresh.at(find(fresh, endpoint));
        for (qsizetype row = m_endpoints.at(e).deployments.size() - 1; row >= 0; --row) {
            const QString name = m_endpoints.at(e).deployments.at(row).deployment.name;
            if (find(next.deployments, name) < 0) {
                m_endpoints[e].deployments.removeAt(row);
                emit deploymentRemoved(endpoint, name, int(row));
            }
        }
    }

    // 2. Changes.
    for (qsizetype e = 0; e < m_endpoints.size(); ++e) {
        const QString endpoint = m_endpoints.at(e).endpoint.name;
        const EndpointSnapshot &next = fresh.at(find(fresh, endpoint));
        if (m_endpoints.at(e).json != next.json) {
            m_endpoints[e].endpoint = next.endpoint;
            m_endpoints[e].json = next.json;
            emit endpointChanged(endpoint);
        }
        for (qsizetype row = 0; row < m_endpoints.at(e).deployments.size(); ++row) {
            const QString name = m_endpoints.at(e).deployments.at(row).deployment.name;
            const DeploymentSnapshot &nd = next.deployments.at(find(next.deployments, name));
            if (m_endpoints.at(e).deployments.at(row).json != nd.json) {
                m_endpoints[e].deployments[row] = nd;
                emit deploymentChanged(endpoint, name);
            }
        }
    }

    // 3. Adds: a new endpoint arrives empty, then each deployment is announced on its own.
    for (const EndpointSnapshot &next : fresh) {
        qsizetype e = find(m_endpoints, next.endpoint.name);
        if (e < 0) {
            e = sortedPosition(m_endpoints, next.endpoint.name);
            m_endpoints.insert(e, EndpointSnapshot{ next.endpoint, next.json, {} });
            emit endpointAdded(next.endpoint.name, int(e));
        }
        for (const DeploymentSnapshot &d : next.deployments) {
            if (find(m_endpoints.at(e).deployments, d.deployment.name) >= 0)
                continue;
            const qsizetype row = sortedPosition(m_endpoints.at(e).deployments, d.deployment.name);
            m_endpoints[e].deployments.insert(row, d);
            emit deploymentAdded(next.endpoint.name, d.deployment.name, int(row));
        }
    }

    m_loaded = true;
    emit refreshed();
}
