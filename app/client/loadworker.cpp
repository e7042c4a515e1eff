#include "loadworker.h"

#include <QDateTime>
#include <QHostAddress>
#include <QNetworkProxy>
#include <QTcpSocket>
#if QT_CONFIG(ssl)
#include <QSslSocket>
#endif

#include <algorithm>

namespace {

constexpr int TickMs = 200;
constexpr int BackoffMs = 250; // a slot whose connection failed rests this long
constexpr int MaxDrainMs = 5000; // after the duration, answers in flight get this long

QByteArray buildRequest(const LoadSettings &settings)
{
    const QUrl &uri = settings.scoringUri;
    QByteArray target = uri.path(QUrl::FullyEncoded).toUtf8();
    if (target.isEmpty())
        target = "/";
    if (uri.hasQuery())
        target += '?' + uri.query(QUrl::FullyEncoded).toUtf8();
    const int defaultPort = uri.scheme() == QLatin1String("https") ? 443 : 80;
    QByteArray request = "POST " + target + " HTTP/1.1\r\nHost: " + uri.host(QUrl::FullyEncoded).toUtf8();
    if (uri.port(defaultPort) != defaultPort)
        request += ':' + QByteArray::number(uri.port(defaultPort));
    request += "\r\nUser-Agent: rolloutdesk-load/1\r\nContent-Type: application/json\r\n";
    if (!settings.credential.isEmpty())
        request += "Authorization: Bearer " + settings.credential.toUtf8() + "\r\n";
    if (!settings.deployment.isEmpty())
        request += "azureml-model-deployment: " + settings.deployment.toUtf8() + "\r\n";
    request += "Content-Length: " + QByteArray::number(settings.body.size()) + "\r\n\r\n";
    return request + settings.body;
}

bool isLoopback(const QString &host)
{
    if (host == QLatin1String("localhost"))
        return true;
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

} // namespace

// The timers are children, so moveToThread takes them along.
LoadWorker::LoadWorker(QObject *parent) : QObject(parent), m_pacer(this), m_tick(this), m_deadline(this)
{
    m_pacer.setSingleShot(true);
    m_pacer.setTimerType(Qt::PreciseTimer);
    m_deadline.setSingleShot(true);
    m_deadline.setTimerType(Qt::PreciseTimer);
    m_tick.setInterval(TickMs);
    connect(&m_pacer, &QTimer::timeout, this, [this]() { pump(); });
    connect(&m_tick, &QTimer::timeout, this, [this]() { onTick(); });
    connect(&m_deadline, &QTimer::timeout, this, [this]() { endSending(); });
}

void LoadWorker::start(const LoadSettings &settings)
{
    if (m_running)
        finish();
    m_settings = settings;
    m_request = buildRequest(settings);
    m_slots.clear();
    m_slots.resize(std::size_t(settings.concurrency));
    m_tally = LoadProgress();
    m_latency.clear();
    m_buckets.clear();
    m_running = true;
    m_sending = true;
    m_clock.start();
    m_tick.start();
    m_deadline.start(settings.durationMs);
    pump();
}

void LoadWorker::stop()
{
    finish();
}

int LoadWorker::inFlight() const
{
    return int(std::count_if(m_slots.begin(), m_slots.end(), [](const Slot &s) { return s.busy; }));
}

void LoadWorker::pump()
{
    // assign() may fail at once and release, which pumps: the outer loop carries on.
    if (!m_sending || m_pumping)
        return;
    m_pumping = true;
    pumpSlots();
    m_pumping = false;
}

void LoadWorker::pumpSlots()
{
    const qint64 now = m_clock.elapsed();
    const double rate = m_settings.ratePerSecond;
    qint64 wake = -1;
    for (std::size_t i = 0; i < m_slots.size(); ++i) {
        Slot &slot = m_slots[i];
        if (slot.busy)
            continue;
        if (slot.backoffUntil > now) {
            wake = wake < 0 ? slot.backoffUntil : std::min(wake, slot.backoffUntil);
            continue;
        }
        if (rate > 0) {
            // Request n is due at n / rate seconds into the run: no drift, and a stall
            // catches up only as far as idle connections allow.
            const qint64 due = qint64(double(m_tally.sent) * 1000.0 / rate);
            if (due > now) {
                wake = wake < 0 ? due : std::min(wake, due);
                break;
            }
        }
        assign(int(i));
        if (!m_sending)
            return;
    }
    if (wake >= 0)
        m_pacer.start(int(std::max<qint64>(0, wake - now)));
}

void LoadWorker::assign(int index)
{
    Slot &slot = m_slots[std::size_t(index)];
    slot.busy = true;
    slot.written = false;
    slot.retried = false;
    slot.assignedAt = m_clock.elapsed();
    ++m_tally.sent;
    if (slot.socket && slot.socket->state() == QAbstractSocket::ConnectedState) {
        slot.reused = true;
        writeRequest(index);
    } else {
        slot.reused = false;
        openSocket(index);
    }
}

void LoadWorker::openSocket(int index)
{
    Slot &slot = m_slots[std::size_t(index)];
    dropSocket(slot);
    const QUrl &uri = m_settings.scoringUri;
    const bool tls = uri.scheme() == QLatin1String("https");
    QTcpSocket *socket = nullptr;
#if QT_CONFIG(ssl)
    if (tls)
        socket = new QSslSocket(this);
#endif
    if (!socket)
        socket = new QTcpSocket(this);
    slot.socket = socket;
    if (isLoopback(uri.host()))
        socket->setProxy(QNetworkProxy::NoProxy);
    const auto connected = [this, index]() {
        ++m_tally.connectionsOpened;
        m_slots[std::size_t(index)].socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        writeRequest(index);
    };
#if QT_CONFIG(ssl)
    if (auto *ssl = qobject_cast<QSslSocket *>(socket))
        connect(ssl, &QSslSocket::encrypted, this, connected);
    else
#endif
        connect(socket, &QTcpSocket::connected, this, connected);
    connect(socket, &QTcpSocket::readyRead, this, [this, index]() { onReadyRead(index); });
    connect(socket, &QTcpSocket::disconnected, this, [this, index]() {
        onClosed(index, QStringLiteral("the server closed the connection"));
    });
    connect(socket, &QTcpSocket::errorOccurred, this, [this, index, socket]() {
        onClosed(index, socket->errorString());
    });
    const quint16 port = quint16(uri.port(tls ? 443 : 80));
#if QT_CONFIG(ssl)
    if (auto *ssl = qobject_cast<QSslSocket *>(socket)) {
        ssl->connectToHostEncrypted(uri.host(), port);
        return;
    }
#endif
    if (tls) {
        fail(index, 0, QStringLiteral("This Qt has no TLS support: %1 cannot be loaded").arg(uri.toDisplayString()));
        return;
    }
    socket->connectToHost(uri.host(), port);
}

void LoadWorker::writeRequest(int index)
{
    Slot &slot = m_slots[std::size_t(index)];
    if (!slot.busy || slot.written || !slot.socket)
        return;
    slot.written = true;
    slot.writtenAtNs = m_clock.nsecsElapsed();
    slot.socket->write(m_request);
}

void LoadWorker::onReadyRead(int index)
{
    Slot &slot = m_slots[std::size_t(index)];
    if (!slot.socket)
        return;
    const QByteArray data = slot.socket->readAll();
    if (!slot.busy) {
        dropSocket(slot); // bytes nobody asked for: the connection is not trustworthy
        return;
    }
    switch (slot.reader.feed(data)) {
    case HttpAnswerReader::State::Complete:
        complete(index);
        break;
    case HttpAnswerReader::State::Bad:
        fail(index, 0, QString::fromUtf8(slot.reader.errorText()));
        break;
    case HttpAnswerReader::State::Incomplete:
        break;
    }
}

void LoadWorker::onClosed(int index, const QString &why)
{
    Slot &slot = m_slots[std::size_t(index)];
    if (!slot.busy) {
        dropSocket(slot); // an idle keep-alive connection the server let go
        return;
    }
    if (slot.written && slot.reader.finishOnClose() == HttpAnswerReader::State::Complete) {
        complete(index);
        return;
    }
    // A reused connection the server closed just as we wrote (keep-alive race): one retry
    // on a fresh connection, as browsers do.
    if (slot.reused && !slot.retried && !slot.reader.inProgress()) {
        slot.retried = true;
        slot.reused = false;
        slot.written = false;
        openSocket(index);
        return;
    }
    if (!slot.written) // never connected: rest before trying again (set before fail() pumps)
        slot.backoffUntil = m_clock.elapsed() + BackoffMs;
    fail(index, 0, why);
}

void LoadWorker::complete(int index)
{
    Slot &slot = m_slots[std::size_t(index)];
    const double latencyMs = double(m_clock.nsecsElapsed() - slot.writtenAtNs) / 1e6;
    m_latency.add(latencyMs);
    const int status = slot.reader.status();
    ++m_tally.statusCounts[status];
    const QString servedBy = QString::fromUtf8(slot.reader.servedBy());
    ++m_tally.servedBy[servedBy];
    record(status, servedBy, latencyMs, slot.reader.bodyBytes());
    if (status >= 200 && status < 300) {
        ++m_tally.ok;
    } else {
        ++m_tally.failed;
        m_tally.lastError = QStringLiteral("HTTP %1").arg(status);
    }
    release(index, slot.reader.keepAlive());
}

void LoadWorker::fail(int index, int status, const QString &why)
{
    record(status, QString(), -1, 0);
    ++m_tally.failed;
    ++m_tally.statusCounts[status];
    m_tally.lastError = why;
    release(index, false);
}

void LoadWorker::release(int index, bool keepSocket)
{
    Slot &slot = m_slots[std::size_t(index)];
    slot.busy = false;
    slot.written = false;
    if (keepSocket)
        slot.reader.reset();
    else
        dropSocket(slot);
    if (m_sending)
        pump();
    else if (m_running && inFlight() == 0)
        finish();
}

void LoadWorker::dropSocket(Slot &slot)
{
    slot.reader = HttpAnswerReader();
    if (!slot.socket)
        return;
    QTcpSocket *socket = slot.socket;
    slot.socket = nullptr;
    socket->disconnect(this);
    socket->abort();
    socket->deleteLater();
}

void LoadWorker::onTick()
{
    const qint64 now = m_clock.elapsed();
    for (std::size_t i = 0; i < m_slots.size(); ++i) {
        const Slot &slot = m_slots[i];
        if (slot.busy && now - slot.assignedAt > m_settings.requestTimeoutMs) {
            fail(int(i), 0, QStringLiteral("No answer within %1 ms").arg(m_settings.requestTimeoutMs));
            if (!m_running)
                return;
        }
    }
    if (!m_sending && m_running && now >= m_drainUntil) {
        finish();
        return;
    }
    if (m_running) {
        LoadProgress progress = snapshot();
        progress.buckets = takeBuckets(false);
        emit progressed(progress);
    }
}

void LoadWorker::endSending()
{
    if (!m_sending)
        return;
    m_sending = false;
    m_pacer.stop();
    m_drainUntil = m_clock.elapsed() + std::min(m_settings.requestTimeoutMs, MaxDrainMs);
    if (inFlight() == 0)
        finish();
}

void LoadWorker::finish()
{
    if (!m_running)
        return;
    m_running = false;
    m_sending = false;
    m_pacer.stop();
    m_tick.stop();
    m_deadline.stop();
    LoadProgress last = snapshot();
    last.buckets = takeBuckets(true);
    for (Slot &slot : m_slots)
        dropSocket(slot);
    m_slots.clear();
    last.finished = true;
    emit finished(last);
}

LoadProgress LoadWorker::snapshot() const
{
    LoadProgress progress = m_tally;
    progress.elapsedMs = m_clock.isValid() ? m_clock.elapsed() : 0;
    progress.inFlight = inFlight();
    progress.p50Ms = m_latency.percentile(0.50);
    progress.p95Ms = m_latency.percentile(0.95);
    progress.p99Ms = m_latency.percentile(0.99);
    return progress;
}

void LoadWorker::record(int status, const QString &servedBy, double latencyMs, qint64 bytesOut)
{
    // Azure need not name the deployment that answered; a run aimed at one knows it.
    const QString deployment = servedBy.isEmpty() ? m_settings.deployment : servedBy;
    const qint64 second = QDateTime::currentSecsSinceEpoch();
    OpenBucket &open = m_buckets[qMakePair(second, deployment)];
    MetricsBucket &b = open.bucket;
    b.t = second;
    b.deployment = deployment;
    ++b.requests;
    b.bytesIn += m_settings.body.size(); // as the endpoint counts: bytes in to it
    b.bytesOut += bytesOut;
    if (status >= 200 && status < 300)
        ++b.status2xx;
    else if (status >= 400 && status < 500)
        ++b.status4xx;
    else if (status >= 500)
        ++b.status5xx;
    if (latencyMs >= 0)
        open.latencies.push_back(latencyMs);
}

QList<MetricsBucket> LoadWorker::takeBuckets(bool all)
{
    const qint64 current = QDateTime::currentSecsSinceEpoch();
    QList<MetricsBucket> done;
    for (auto it = m_buckets.begin(); it != m_buckets.end();) {
        if (!all && it.key().first >= current) {
            ++it;
            continue;
        }
        OpenBucket &open = it.value();
        std::vector<double> &l = open.latencies;
        const auto at = [&l](double fraction) {
            const std::size_t rank = std::min(l.size() - 1, std::size_t(fraction * double(l.size())));
            std::nth_element(l.begin(), l.begin() + std::ptrdiff_t(rank), l.end());
            return l[rank];
        };
        if (!l.empty()) {
            open.bucket.p50Ms = at(0.50);
            open.bucket.p95Ms = at(0.95);
            open.bucket.p99Ms = at(0.99);
        }
        done.append(open.bucket);
        it = m_buckets.erase(it);
    }
    return done;
}
