#include "gateway.h"

#include "gatewayconnection.h"
#include "gatewayrouting.h"
#include "httpsyntax.h"
#include "upstreampool.h"
#include "weightedchoice.h"

#include <QDateTime>
#include <QHash>
#include <QHostAddress>
#include <QJsonObject>
#include <QPointer>
#include <QSet>
#include <QTcpServer>
#include <QTcpSocket>
#include <QUuid>
#include <utility>

using HttpSyntax::equalsIgnoreCase;

namespace {

// Hop-by-hop fields (RFC 9110 §7.6.1) and those the gateway writes itself: not forwarded.
bool isHopByHop(QByteArrayView name)
{
    for (const char *hop :
        { "connection", "keep-alive", "proxy-connection", "te", "trailer", "transfer-encoding",
            "upgrade", "proxy-authorization", "proxy-authenticate", "content-length" }) {
        if (equalsIgnoreCase(name, hop))
            return true;
    }
    return false;
}

// Fields the client sent that the model must not see or that the gateway rewrites.
bool isWithheldFromModel(QByteArrayView name)
{
    return isHopByHop(name) || equalsIgnoreCase(name, "host")
        || equalsIgnoreCase(name, "authorization") || equalsIgnoreCase(name, "expect")
        || equalsIgnoreCase(name, "x-request-id");
}

// Fields of the model's answer that the gateway sets itself.
bool isReplacedInAnswer(QByteArrayView name)
{
    return isHopByHop(name) || equalsIgnoreCase(name, "x-request-id")
        || equalsIgnoreCase(name, "x-ms-client-request-id")
        || equalsIgnoreCase(name, "azureml-model-deployment");
}

// Names listed in a Connection field are hop-by-hop too.
bool isListedInConnection(const HttpHeaders &headers, QByteArrayView name)
{
    bool listed = false;
    for (const QByteArray &value : headers.values("connection"))
        HttpSyntax::forEachListItem(
            value, [&](QByteArrayView item) { listed = listed || equalsIgnoreCase(item, name); });
    return listed;
}

HttpResponse messageResponse(int status, const QString &message)
{
    return HttpResponse::json(status, QJsonObject { { QStringLiteral("message"), message } });
}

} // namespace

// One request from arrival to answer.
struct GatewayExchange
{
    QPointer<GatewayConnection> client;
    quint64 id = 0;
    QElapsedTimer started;
    qint64 bytesIn = 0;
    QByteArray requestId; // our x-request-id (a GUID)
    QByteArray clientRequestId; // echoed, cut to 40
    RouteTablePtr table; // the table the request started with
    QString deployment;
    HttpRequest request; // forwarded headers and body
    quint16 port = 0; // instance the request is out to; 0 when none
    bool retried = false;
};
using GatewayExchangePtr = std::shared_ptr<GatewayExchange>;

class Gateway::Private
{
public:
    explicit Private(Gateway *q)
        : q(q)
    { }

    void onNewConnections();
    void onIncoming(GatewayConnection *connection, GatewayIncoming &&incoming);
    void route(const GatewayExchangePtr &exchange);
    void dispatch(const GatewayExchangePtr &exchange, quint16 exclude);
    void onUpstream(const GatewayExchangePtr &exchange, const UpstreamResult &result);
    void answer(const GatewayExchangePtr &exchange, HttpResponse response);
    void beginFlight(quint16 port);
    void endFlight(quint16 port);
    void dropEverything();
    QByteArray upstreamRequest(const GatewayExchange &exchange, const DeploymentRoute &route) const;

    Gateway *q;
    QTcpServer server;
    UpstreamPool pool;
    RouteTablePtr table;
    WeightedChoice weights;
    QHash<QString, quint32> instanceCursor; // per deployment
    QHash<quint16, int> inFlight; // per instance port
    QMultiHash<quint16, std::function<void()>> drainWaiters;
    QSet<GatewayConnection *> connections;
    HttpLimits limits; // 1.5 MiB bodies, 16 KiB heads
};

void Gateway::Private::onNewConnections()
{
    while (QTcpSocket *socket = server.nextPendingConnection()) {
        auto *connection = new GatewayConnection(
            socket, limits,
            [this](GatewayConnection *c, GatewayIncoming &&in) { onIncoming(c, std::move(in)); },
            q);
        connections.insert(connection);
        QObject::connect(connection, &GatewayConnection::closed, q,
            [this, connection] { connections.remove(connection); });
    }
}

void Gateway::Private::onIncoming(GatewayConnection *connection, GatewayIncoming &&incoming)
{
    auto exchange = std::make_shared<GatewayExchange>();
    exchange->client = connection;
    exchange->id = incoming.id;
    exchange->started = incoming.started;
    exchange->bytesIn = incoming.bytesIn;
    exchange->requestId = QUuid::createUuid().toByteArray(QUuid::WithoutBraces);
    exchange->table = table;

    if (incoming.errorStatus != 0) {
        answer(exchange,
            messageResponse(incoming.errorStatus, QString::fromUtf8(incoming.errorMessage)));
        return;
    }
    exchange->request = std::move(incoming.request);
    const HttpRequest &request = exchange->request;
    if (request.hasHeader("x-ms-client-request-id"))
        exchange->clientRequestId
            = GatewayRouting::echoedClientRequestId(request.header("x-ms-client-request-id"));

    if (request.path != "/score") {
        answer(exchange,
            messageResponse(404,
                QStringLiteral("There is nothing at '%1': the scoring URI is POST /score")
                    .arg(QString::fromUtf8(request.path))));
        return;
    }
    if (request.method != "POST") {
        HttpResponse response = messageResponse(405,
            QStringLiteral("%1 is not allowed on /score: send the input with POST")
                .arg(QString::fromUtf8(request.method)));
        response.headers.add("Allow", "POST");
        answer(exchange, std::move(response));
        return;
    }
    route(exchange);
}

void Gateway::Private::route(const GatewayExchangePtr &exchange)
{
    if (!exchange->table) {
        answer(exchange,
            messageResponse(
                503, QStringLiteral("The endpoint is still starting: try again in a moment")));
        return;
    }
    const RouteTable &table = *exchange->table;
    const HttpRequest &request = exchange->request;
    if (auto refused = GatewayRouting::checkAuthorization(
            table, request.header("authorization"), QDateTime::currentSecsSinceEpoch())) {
        HttpResponse response = messageResponse(refused->status, refused->message);
        response.headers.add("WWW-Authenticate", "Bearer");
        answer(exchange, std::move(response));
        return;
    }
    const GatewayRouting::DeploymentChoice choice = GatewayRouting::chooseDeployment(
        table, request.header("azureml-model-deployment"), weights);
    if (choice.refusal) {
        answer(exchange, messageResponse(choice.refusal->status, choice.refusal->message));
        return;
    }
    exchange->deployment = choice.deployment;
    dispatch(exchange, 0);
}

void Gateway::Private::dispatch(const GatewayExchangePtr &exchange, quint16 exclude)
{
    const RouteTable &table = *exchange->table;
    const auto it = table.deployments.constFind(exchange->deployment);
    const quint16 port = it == table.deployments.cend()
        ? 0
        : GatewayRouting::chooseInstance(
            it->readyPorts, inFlight, instanceCursor[exchange->deployment], exclude);
    if (port == 0) {
        if (exclude != 0) {
            answer(exchange,
                messageResponse(502,
                    QStringLiteral("The deployment '%1' could not take the request: its "
                                   "instance on port %2 refused it and no other is ready")
                        .arg(exchange->deployment)
                        .arg(exclude)));
            return;
        }
        const GatewayRouting::Refusal refusal
            = GatewayRouting::noReadyInstance(table, exchange->deployment);
        answer(exchange, messageResponse(refusal.status, refusal.message));
        return;
    }
    exchange->port = port;
    beginFlight(port);
    pool.send(port, upstreamRequest(*exchange, *it),
        [this, exchange](const UpstreamResult &result) { onUpstream(exchange, result); });
}

QByteArray Gateway::Private::upstreamRequest(
    const GatewayExchange &exchange, const DeploymentRoute &route) const
{
    const HttpRequest &request = exchange.request;
    QByteArray out;
    out.reserve(256 + request.body.size() + request.headers.size() * 48);
    out.append("POST ");
    out.append(route.scorePath.isEmpty() ? QByteArray("/score") : route.scorePath.toUtf8());
    if (!request.query.isEmpty())
        out.append('?').append(request.query);
    out.append(" HTTP/1.1\r\nHost: 127.0.0.1:")
        .append(QByteArray::number(exchange.port))
        .append("\r\n");
    for (const HttpHeader &h : request.headers) {
        if (isWithheldFromModel(h.name) || isListedInConnection(request.headers, h.name))
            continue;
        out.append(h.name).append(": ").append(h.value).append("\r\n");
    }
    out.append("x-request-id: ").append(exchange.requestId).append("\r\n");
    out.append("Content-Length: ")
        .append(QByteArray::number(request.body.size()))
        .append("\r\n\r\n");
    out.append(request.body);
    return out;
}

void Gateway::Private::onUpstream(const GatewayExchangePtr &exchange, const UpstreamResult &result)
{
    endFlight(result.port);
    exchange->port = 0;
    if (!result.ok) {
        // Only a request that never reached the instance may go elsewhere: the model must
        // not run twice.
        if (result.retryable && !exchange->retried) {
            exchange->retried = true;
            dispatch(exchange, result.port);
            return;
        }
        answer(exchange,
            messageResponse(502,
                QStringLiteral("The deployment '%1' did not answer: its instance on port "
                               "%2 failed (%3); read its logs (getLogs)")
                    .arg(exchange->deployment)
                    .arg(result.port)
                    .arg(QString::fromUtf8(result.error))));
        return;
    }
    HttpResponse response;
    response.status = result.response.status;
    response.body = result.response.body;
    for (const HttpHeader &h : result.response.headers) {
        if (!isReplacedInAnswer(h.name) && !isListedInConnection(result.response.headers, h.name))
            response.headers.add(h.name, h.value);
    }
    answer(exchange, std::move(response));
}

void Gateway::Private::answer(const GatewayExchangePtr &exchange, HttpResponse response)
{
    if (!exchange->deployment.isEmpty())
        response.headers.set("azureml-model-deployment", exchange->deployment.toUtf8());
    response.headers.set("x-request-id", exchange->requestId);
    if (!exchange->clientRequestId.isEmpty())
        response.headers.set("x-ms-client-request-id", exchange->clientRequestId);

    const double latencyMs = double(exchange->started.nsecsElapsed()) / 1e6;
    const qint64 bytesOut = response.body.size();
    const int status = response.status;
    if (exchange->client)
        exchange->client->answer(exchange->id, response);
    emit q->requestServed(
        exchange->deployment, status, latencyMs, exchange->bytesIn, bytesOut, false);
}

void Gateway::Private::beginFlight(quint16 port) { ++inFlight[port]; }

void Gateway::Private::endFlight(quint16 port)
{
    auto it = inFlight.find(port);
    if (it == inFlight.end())
        return;
    if (--it.value() > 0)
        return;
    inFlight.erase(it);
    // Taken out first: a waiter may add waiters or close the gateway.
    const QList<std::function<void()>> waiters = drainWaiters.values(port);
    drainWaiters.remove(port);
    for (const auto &drained : waiters)
        drained();
}

void Gateway::Private::dropEverything()
{
    server.close();
    for (GatewayConnection *connection : std::exchange(connections, {}))
        connection->abort();
    pool.abortAll();
    inFlight.clear();
}

Gateway::Gateway(QObject *parent)
    : QObject(parent)
    , d(std::make_unique<Private>(this))
{
    connect(&d->server, &QTcpServer::newConnection, this, [this] { d->onNewConnections(); });
}

Gateway::~Gateway()
{
    d->dropEverything();
    d->drainWaiters.clear();
}

Status Gateway::listen(quint16 port)
{
    if (d->server.isListening())
        d->server.close();
    if (!d->server.listen(QHostAddress(QHostAddress::LocalHost), port))
        return Error { QStringLiteral("PortInUse"),
            QStringLiteral(
                "The gateway cannot listen on 127.0.0.1:%1 (%2): another program uses the port; "
                "free it or let the endpoint take another one")
                .arg(port)
                .arg(d->server.errorString()),
            QStringLiteral("port"), 0, 0 };
    return {};
}

quint16 Gateway::port() const { return d->server.isListening() ? d->server.serverPort() : 0; }

void Gateway::close()
{
    d->dropEverything();
    // Nothing is in flight any more: whoever waits for an instance to drain may go on.
    const QList<std::function<void()>> waiters = d->drainWaiters.values();
    d->drainWaiters.clear();
    for (const auto &drained : waiters)
        drained();
}

void Gateway::setRouteTable(RouteTablePtr table)
{
    d->table = std::move(table);
    d->weights.setWeights(d->table ? d->table->traffic : TrafficMap());
}

RouteTablePtr Gateway::routeTable() const { return d->table; }

void Gateway::whenDrained(quint16 instancePort, std::function<void()> drained)
{
    if (!drained)
        return;
    if (d->inFlight.value(instancePort, 0) == 0) {
        drained();
        return;
    }
    d->drainWaiters.insert(instancePort, std::move(drained));
}
