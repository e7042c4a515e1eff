// The gateway worker's answers: the request forwarded to an instance, the model's answer
// passed on (non-200 as 424), the gateway's own answers, and the metrics of each.

#include "clientconnection.h"
#include "gatewayworker.h"
#include "httpsyntax.h"

#include <QJsonObject>

#include <charconv>
#include <ctime>

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
        || equalsIgnoreCase(name, "azureml-model-deployment")
        || equalsIgnoreCase(name, "ms-azureml-model-error-statuscode")
        || equalsIgnoreCase(name, "ms-azureml-model-error-reason");
}

// Names listed in a Connection field are hop-by-hop too.
bool isListedInConnection(const HttpParserBase &message, QByteArrayView name)
{
    bool listed = false;
    for (qsizetype i = 0; i < message.headerCount(); ++i) {
        if (!equalsIgnoreCase(message.headerName(i), "connection"))
            continue;
        HttpSyntax::forEachListItem(message.headerValue(i),
            [&](QByteArrayView item) { listed = listed || equalsIgnoreCase(item, name); });
    }
    return listed;
}

bool hasConnectionField(const HttpParserBase &message)
{
    return !message.header("connection").isNull();
}

void appendNumber(QByteArray &out, qint64 value)
{
    char digits[24];
    const auto result = std::to_chars(digits, digits + sizeof digits, value);
    out.append(digits, result.ptr - digits);
}

void appendField(QByteArray &out, QByteArrayView name, QByteArrayView value)
{
    out.append(name).append(": ").append(value).append("\r\n");
}

} // namespace

void buildUpstreamRequest(QByteArray &out, const HttpRequestParser &request,
    const QByteArray &scorePath, QByteArrayView requestId)
{
    const QByteArrayView body = request.body();
    out.resize(0);
    out.reserve(256 + body.size() + request.headerCount() * 48);
    out.append("POST ").append(scorePath);
    if (request.hasQuery())
        out.append('?').append(request.query());
    out.append(" HTTP/1.1\r\nHost: 127.0.0.1\r\n");
    const bool connectionListed = hasConnectionField(request);
    for (qsizetype i = 0; i < request.headerCount(); ++i) {
        const QByteArrayView name = request.headerName(i);
        if (isWithheldFromModel(name) || (connectionListed && isListedInConnection(request, name)))
            continue;
        appendField(out, name, request.headerValue(i));
    }
    appendField(out, "x-request-id", requestId);
    out.append("Content-Length: ");
    appendNumber(out, body.size());
    out.append("\r\n\r\n").append(body);
}

int GatewayWorker::writeProxiedAnswer(
    QByteArray &out, const HttpResponseParser &answer, const Exchange &x)
{
    const int modelStatus = answer.statusCode();
    const int status = modelStatus == 200 ? 200 : 424;
    const QByteArrayView body = answer.body();
    out.reserve(out.size() + 256 + body.size() + answer.headerCount() * 48);
    out.append(x.version == HttpVersion::Http10 ? "HTTP/1.0 " : "HTTP/1.1 ");
    out.append(status == 200 ? "200 OK\r\n" : "424 Failed Dependency\r\n");
    const bool connectionListed = hasConnectionField(answer);
    for (qsizetype i = 0; i < answer.headerCount(); ++i) {
        const QByteArrayView name = answer.headerName(i);
        if (isReplacedInAnswer(name) || (connectionListed && isListedInConnection(answer, name)))
            continue;
        appendField(out, name, answer.headerValue(i));
    }
    if (status != 200) {
        // Azure ML's form of a model error: the model's own status and a reason.
        out.append("ms-azureml-model-error-statuscode: ");
        appendNumber(out, modelStatus);
        out.append("\r\nms-azureml-model-error-reason: model_error\r\n");
    }
    appendField(out, "azureml-model-deployment", x.planDeployment()->nameUtf8);
    appendField(out, "x-request-id", x.requestIdView());
    if (!x.clientRequestId.isEmpty())
        appendField(out, "x-ms-client-request-id", x.clientRequestId);
    out.append("Content-Length: ");
    appendNumber(out, body.size());
    out.append("\r\n");
    if (!x.keepAlive)
        out.append("Connection: close\r\n");
    else if (x.version == HttpVersion::Http10)
        out.append("Connection: keep-alive\r\n");
    out.append("\r\n").append(body);
    return status;
}

void GatewayWorker::answerLocal(Exchange *x, int status, const QString &message,
    const QList<std::pair<QByteArray, QByteArray>> &extraHeaders)
{
    if (x->mirror) {
        finishMirror(x, status);
        return;
    }
    HttpResponse response
        = HttpResponse::json(status, QJsonObject { { QStringLiteral("message"), message } });
    for (const auto &[name, value] : extraHeaders)
        response.headers.add(name, value);
    if (x->deployment >= 0)
        response.headers.add("azureml-model-deployment", x->planDeployment()->nameUtf8);
    response.headers.add("x-request-id", x->requestIdView().toByteArray());
    if (!x->clientRequestId.isEmpty())
        response.headers.add("x-ms-client-request-id", x->clientRequestId);
    if (x->client) {
        HttpWriteOptions options;
        options.keepAlive = x->keepAlive;
        options.version = x->version;
        x->client->output().append(response.toBytes(options));
    }
    deliver(x, status, response.body.size());
}

void GatewayWorker::answerOrDrop(Exchange *x, int status, const QString &message)
{
    if (x->mirror)
        finishMirror(x, status);
    else
        answerLocal(x, status, message);
}

void GatewayWorker::deliver(Exchange *x, int status, qint64 bodyBytes)
{
    record(*x, status, bodyBytes);
    if (ClientConnection *client = x->client) {
        x->client = nullptr;
        client->answered(x->keepAlive);
    }
    freeExchange(x);
}

void GatewayWorker::finishMirror(Exchange *x, int status)
{
    record(*x, status, 0);
    freeExchange(x);
}

void GatewayWorker::onRefusedInput(ClientConnection &client, int status, const QByteArray &message)
{
    char requestId[36];
    fillRequestId(requestId);
    HttpResponse response = HttpResponse::json(
        status, QJsonObject { { QStringLiteral("message"), QString::fromUtf8(message) } });
    response.headers.add("x-request-id", QByteArray(requestId, sizeof requestId));
    HttpWriteOptions options;
    options.keepAlive = false; // the framing is lost: nothing after it can be read
    client.output().append(response.toBytes(options));
    const qint64 started = client.requestStartNs() != 0 ? client.requestStartNs() : EpollLoop::clockNs();
    recordTo(0, QString(), status, EpollLoop::clockNs() - started, 0, response.body.size(), false);
    if (m_shared.servedWanted.load(std::memory_order_relaxed) && m_shared.served)
        m_shared.served(QString(), status, double(EpollLoop::clockNs() - started) / 1e6, 0,
            response.body.size(), false);
    client.answered(false);
}

void GatewayWorker::record(const Exchange &x, int status, qint64 bytesOut)
{
    const PlanDeployment *d = x.deployment >= 0 ? x.planDeployment() : nullptr;
    const qint64 latencyNs = EpollLoop::clockNs() - x.startedNs;
    const QString name = d ? d->name : QString();
    recordTo(d ? d->load->metricsId : 0, name, status, latencyNs, x.bytesIn, bytesOut, x.mirror);
    if (m_shared.servedWanted.load(std::memory_order_relaxed) && m_shared.served)
        m_shared.served(name, status, double(latencyNs) / 1e6, x.bytesIn, bytesOut, x.mirror);
}

void GatewayWorker::recordTo(int metricsId, const QString &deployment, int status,
    qint64 latencyNs, qint64 bytesIn, qint64 bytesOut, bool mirrored)
{
    if (size_t(metricsId) >= m_metrics.size())
        m_metrics.resize(size_t(metricsId) + 1);
    Accumulator &a = m_metrics[size_t(metricsId)];
    const qint64 second = qint64(std::time(nullptr));
    if (a.second != second) {
        if (a.second >= 0 && !a.stats.isEmpty() && m_shared.metrics)
            m_shared.metrics->merge(a.second, a.deployment, a.stats);
        a.stats.clear();
        a.second = second;
        a.deployment = deployment;
    }
    if (mirrored)
        ++a.stats.mirrored;
    else
        a.stats.addAnswer(status, latencyNs, bytesIn, bytesOut);
}

void GatewayWorker::flushMetrics(bool all)
{
    const qint64 second = qint64(std::time(nullptr));
    for (Accumulator &a : m_metrics) {
        if (a.second < 0 || (!all && a.second >= second))
            continue;
        if (!a.stats.isEmpty() && m_shared.metrics)
            m_shared.metrics->merge(a.second, a.deployment, a.stats);
        a.stats.clear();
        a.second = -1;
    }
    if (m_shared.metrics)
        m_shared.metrics->workerCaughtUp(m_index, all ? second + 1 : second);
}

void GatewayWorker::fillRequestId(char *into)
{
    // A version 4 GUID from this thread's generator: no lock, no system call.
    static constexpr char hex[] = "0123456789abcdef";
    quint64 high = m_random.generate64();
    quint64 low = m_random.generate64();
    high = (high & ~quint64(0xf000)) | 0x4000; // version 4
    low = (low & ~(quint64(0xc) << 60)) | (quint64(0x8) << 60); // variant 10
    int at = 0;
    auto put = [&](quint64 value, int nibbles) {
        for (int i = nibbles - 1; i >= 0; --i)
            into[at++] = hex[(value >> (4 * i)) & 0xf];
    };
    put(high >> 32, 8);
    into[at++] = '-';
    put(high >> 16, 4);
    into[at++] = '-';
    put(high, 4);
    into[at++] = '-';
    put(low >> 48, 4);
    into[at++] = '-';
    put(low, 12);
}
