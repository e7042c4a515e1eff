// The desktop app under full load: a real rolloutd on a temporary state dir with the demo
// at blue 90 / green 10, the real MainWindow showing that endpoint's Monitor tab, and wrk
// driving the gateway as fast as it goes. Meanwhile it measures how late a 10 ms probe
// timer on the GUI thread fires (p50/p99/max), how often each chart is repainted, and the
// request rate as wrk saw it and as the host's metrics feed counted it; then prints a
// PASS/FAIL line against the targets (p99 < 50 ms, every chart repainted >= 5 times a s).
//
//   ui_bench [--duration S] [--warmup S] [--connections N] [--threads N]
//            [--max-concurrent N]
//
// Run it through tests/bench/ui_bench.sh (installs wrk, picks Xvfb or offscreen).

#include "charts/errorschart.h"
#include "charts/latencychart.h"
#include "charts/requestschart.h"
#include "charts/splitchart.h"
#include "hostfixture.h"
#include "mainwindow.h"
#include "monitorpanel.h"
#include "uitestsupport.h"
#include "workspacestore.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDateTime>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <algorithm>
#include <cstdio>

namespace {

constexpr int ProbeIntervalMs = 10;
constexpr double LatencyTargetMs = 50;
constexpr double RefreshTarget = 5;
const QString Demo = QStringLiteral("demo");

struct Options
{
    int durationS = 20;
    int warmupS = 3; // wrk runs this long before the measurement starts
    int connections = 32;
    int threads = 1;
    int maxConcurrent = 0; // 0: the demo's own request settings
};

double percentile(QList<double> values, double p)
{
    if (values.isEmpty())
        return 0;
    std::sort(values.begin(), values.end());
    const qsizetype i = std::min(values.size() - 1, qsizetype(p * double(values.size())));
    return values[i];
}

// Runs the event loop for `ms` without sleeping the thread (QTest::qWait naps 10 ms at a
// time, which the probe would count as lateness).
void spin(int ms)
{
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
}

struct WrkFigures
{
    double rate = 0;
    qint64 requests = 0;
    qint64 non2xx = 0;
    qint64 socketErrors = 0;
    QString p50;
    QString p99;
};

WrkFigures parseWrk(const QString &out)
{
    WrkFigures f;
    const auto match = [&out](const QString &pattern) {
        return QRegularExpression(pattern, QRegularExpression::MultilineOption).match(out);
    };
    f.rate = match(QStringLiteral("^Requests/sec:\\s+([0-9.]+)")).captured(1).toDouble();
    f.requests = match(QStringLiteral("^\\s*([0-9]+) requests in")).captured(1).toLongLong();
    f.non2xx = match(QStringLiteral("Non-2xx or 3xx responses: ([0-9]+)")).captured(1).toLongLong();
    const QRegularExpressionMatch socket = match(QStringLiteral(
        "Socket errors: connect ([0-9]+), read ([0-9]+), write ([0-9]+), timeout ([0-9]+)"));
    for (int i = 1; i <= 4; ++i)
        f.socketErrors += socket.captured(i).toLongLong();
    f.p50 = match(QStringLiteral("^\\s+50%\\s+(\\S+)")).captured(1);
    f.p99 = match(QStringLiteral("^\\s+99%\\s+(\\S+)")).captured(1);
    return f;
}

// What the host's metrics feed counted in the complete seconds [from, to].
void printHostFigures(const MetricsHistory &history, qint64 from, qint64 to)
{
    if (to < from) {
        std::printf("== host metrics: the run was too short to hold a complete second\n");
        return;
    }
    qint64 total = 0;
    qint64 ok = 0;
    qint64 client = 0;
    qint64 server = 0;
    QMap<QString, qint64> perDeployment;
    for (const QString &deployment : history.deployments()) {
        for (const MetricsBucket &b : history.buckets(deployment, from)) {
            if (b.t > to)
                break;
            total += b.requests;
            ok += b.status2xx;
            client += b.status4xx;
            server += b.status5xx;
            perDeployment[deployment.isEmpty() ? QStringLiteral("(endpoint)") : deployment]
                += b.requests;
        }
    }
    QStringList split;
    for (auto it = perDeployment.cbegin(); it != perDeployment.cend(); ++it)
        split << QStringLiteral("%1 %2 %").arg(it.key()).arg(
            total ? 100.0 * double(it.value()) / double(total) : 0.0, 0, 'f', 1);
    std::printf(
        "== host metrics feed: %.0f requests/s over %lld complete seconds (%s; 2xx %lld, 4xx "
        "%lld, 5xx %lld)\n",
        double(total) / double(to - from + 1), qlonglong(to - from + 1),
        qPrintable(split.join(QStringLiteral(", "))), qlonglong(ok), qlonglong(client),
        qlonglong(server));
}

// Counts the paint events of one chart's viewport while the measurement runs.
class PaintCounter final : public QObject
{
public:
    PaintCounter(const QString &name, QWidget *viewport, const bool *measuring)
        : QObject(viewport)
        , m_name(name)
        , m_measuring(measuring)
    {
        viewport->installEventFilter(this);
    }
    QString name() const { return m_name; }
    int count() const { return m_count; }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Paint && *m_measuring)
            ++m_count;
        return QObject::eventFilter(watched, event);
    }

private:
    QString m_name;
    const bool *m_measuring;
    int m_count = 0;
};

bool fail(const QString &message)
{
    std::fprintf(stderr, "ui_bench: %s\n", qPrintable(message));
    return false;
}

int exitWith(const QString &message, int code)
{
    fail(message);
    return code;
}

// Endpoint `demo`: blue and green from the build's demo files at 90/10.
bool createDemo(HostFixture &host, const Options &options)
{
    QString error;
    if (!host.start(&error))
        return fail(error);
    QStringList overrides;
    if (options.maxConcurrent > 0)
        overrides << QStringLiteral("request_settings.max_concurrent_requests_per_instance=%1")
                         .arg(options.maxConcurrent);
    const QString dir = HostFixture::demoDir();
    const auto check = [](const ApiResult &r) {
        return r.ok() || fail(r.error ? r.error->message : QStringLiteral("no answer"));
    };
    return check(host.createEndpoint(Demo))
        && check(host.createDeployment(
            Demo, dir + QStringLiteral("/blue-deployment.yml"), QStringLiteral("blue"), overrides))
        && check(host.createDeployment(Demo, dir + QStringLiteral("/green-deployment.yml"),
            QStringLiteral("green"), overrides))
        && check(HostFixture::wait(host.client()->updateTraffic(Demo,
            TrafficMap { { QStringLiteral("blue"), 90 }, { QStringLiteral("green"), 10 } },
            std::nullopt, true)));
}

int run(const Options &options)
{
    const QString wrk = QStandardPaths::findExecutable(QStringLiteral("wrk"));
    if (wrk.isEmpty())
        return exitWith(QStringLiteral("wrk is not on PATH: apt-get install wrk"), 2);
    UiTest::isolateSettings();
    HostFixture host;
    if (!createDemo(host, options))
        return 1;
    const auto [key, uri] = host.keyAndUri(Demo);

    MainWindow window(StartOptions { host.stateDir(), false });
    window.resize(1280, 800);
    window.show();
    if (!QTest::qWaitFor([&] { return window.store() && window.store()->isLoaded(); }, 20000))
        return exitWith(QStringLiteral("the window did not load the workspace"), 1);
    window.selectEndpoint(Demo);
    auto *monitor = window.findChild<MonitorPanel *>();
    if (!monitor)
        return exitWith(QStringLiteral("the window has no Monitor panel"), 1);
    window.panels()->setCurrentWidget(monitor);
    if (!QTest::qWaitFor(
            [&] {
                return monitor->endpoint() == Demo
                    && monitor->feed()->availability() == MetricsFeed::Availability::Available;
            },
            10000))
        return exitWith(QStringLiteral("the Monitor tab did not get the host's metrics"), 1);

    bool measuring = false;
    QList<PaintCounter *> counters {
        new PaintCounter(
            QStringLiteral("requests"), monitor->requestsChart()->viewport(), &measuring),
        new PaintCounter(QStringLiteral("split"), monitor->splitChart()->viewport(), &measuring),
        new PaintCounter(
            QStringLiteral("latency"), monitor->latencyChart()->viewport(), &measuring),
        new PaintCounter(QStringLiteral("errors"), monitor->errorsChart()->viewport(), &measuring),
    };

    // The probe: how much later than its interval each tick of a 10 ms timer fires.
    QList<double> lateMs;
    QElapsedTimer clock;
    qint64 lastTickNs = -1;
    QTimer probe;
    probe.setTimerType(Qt::PreciseTimer);
    probe.setInterval(ProbeIntervalMs);
    QObject::connect(&probe, &QTimer::timeout, &probe, [&]() {
        const qint64 now = clock.nsecsElapsed();
        if (measuring && lastTickNs >= 0)
            lateMs.append(std::max(0.0, double(now - lastTickNs) / 1e6 - ProbeIntervalMs));
        lastTickNs = now;
    });

    QTemporaryDir work;
    QFile script(work.filePath(QStringLiteral("post.lua")));
    QFile body(HostFixture::demoDir() + QStringLiteral("/sample-request.json"));
    if (!script.open(QIODevice::WriteOnly) || !body.open(QIODevice::ReadOnly))
        return exitWith(
            QStringLiteral("cannot write the wrk script or read %1").arg(body.fileName()), 1);
    script.write("wrk.method = \"POST\"\nwrk.body = [==[" + body.readAll() + "]==]\n"
        + "wrk.headers[\"Content-Type\"] = \"application/json\"\n"
        + "wrk.headers[\"Authorization\"] = \"Bearer " + key.toUtf8() + "\"\n");
    script.close();

    QProcess load;
    load.setProcessChannelMode(QProcess::MergedChannels);
    load.start(wrk,
        { QStringLiteral("-t%1").arg(options.threads),
            QStringLiteral("-c%1").arg(options.connections),
            QStringLiteral("-d%1s").arg(options.durationS + options.warmupS),
            QStringLiteral("--latency"), QStringLiteral("-s"), script.fileName(), uri });
    if (!load.waitForStarted(5000))
        return exitWith(QStringLiteral("wrk did not start: %1").arg(load.errorString()), 1);
    std::printf("== wrk -t%d -c%d -d%ds against %s (demo at blue 90 / green 10), %d s measured "
                "after %d s of warm-up, platform %s\n",
        options.threads, options.connections, options.durationS + options.warmupS, qPrintable(uri),
        options.durationS, options.warmupS, qPrintable(QGuiApplication::platformName()));
    std::fflush(stdout);

    clock.start();
    probe.start();
    spin(options.warmupS * 1000);
    const qint64 startS = QDateTime::currentSecsSinceEpoch();
    measuring = true;
    QElapsedTimer measured;
    measured.start();
    if (load.state() != QProcess::NotRunning) {
        QEventLoop loop;
        QObject::connect(&load, &QProcess::finished, &loop, &QEventLoop::quit);
        loop.exec();
    }
    const double seconds = double(measured.elapsed()) / 1000;
    measuring = false;
    probe.stop();
    const qint64 endS = QDateTime::currentSecsSinceEpoch();
    const QString out = QString::fromUtf8(load.readAll());
    if (load.exitStatus() != QProcess::NormalExit || load.exitCode() != 0)
        return exitWith(QStringLiteral("wrk failed:\n%1").arg(out), 1);

    // The feed sends a second once it is complete (about 1.4 s after it ends).
    const MetricsHistory &history = monitor->feed()->history();
    if (!QTest::qWaitFor([&] { return history.newestTime() >= endS - 1; }, 10000))
        std::printf("   (the metrics feed had not caught up with the end of the run)\n");

    std::printf(
        "== GUI thread: %lld ticks of a %d ms probe timer over %.1f s; late by p50 %.2f ms, "
        "p99 %.2f ms, max %.2f ms\n",
        qlonglong(lateMs.size()), ProbeIntervalMs, seconds, percentile(lateMs, 0.5),
        percentile(lateMs, 0.99),
        lateMs.isEmpty() ? 0.0 : *std::max_element(lateMs.begin(), lateMs.end()));
    // The target is for the charts over time; the split's bars change once a second, with
    // the data.
    double slowest = -1;
    QStringList perChart;
    for (const PaintCounter *counter : std::as_const(counters)) {
        const double rate = double(counter->count()) / seconds;
        perChart << QStringLiteral("%1 %2").arg(counter->name()).arg(rate, 0, 'f', 1);
        if (counter->name() != QLatin1String("split"))
            slowest = slowest < 0 ? rate : std::min(slowest, rate);
    }
    std::printf(
        "== chart repaints per second: %s\n", qPrintable(perChart.join(QStringLiteral(", "))));
    const WrkFigures wrkFigures = parseWrk(out);
    std::printf(
        "== wrk: %.0f requests/s (%lld requests, %lld not 2xx, %lld socket errors), latency "
        "p50 %s, p99 %s\n",
        wrkFigures.rate, qlonglong(wrkFigures.requests), qlonglong(wrkFigures.non2xx),
        qlonglong(wrkFigures.socketErrors), qPrintable(wrkFigures.p50), qPrintable(wrkFigures.p99));
    printHostFigures(history, startS + 1, endS - 1);

    const double p99 = percentile(lateMs, 0.99);
    const bool pass = !lateMs.isEmpty() && p99 < LatencyTargetMs && slowest >= RefreshTarget;
    std::printf("RESULT: %s (GUI latency p99 %.2f ms, target < %.0f ms; slowest time chart %.1f "
                "repaints/s, target >= %.0f)\n",
        pass ? "PASS" : "FAIL", p99, LatencyTargetMs, slowest, RefreshTarget);
    return pass ? 0 : 1;
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "The desktop app's Monitor tab under wrk load: GUI-thread latency, chart refreshes "
        "per second and the request rate."));
    parser.addHelpOption();
    const QCommandLineOption duration(QStringLiteral("duration"),
        QStringLiteral("Seconds measured (default 20)."), QStringLiteral("S"),
        QStringLiteral("20"));
    const QCommandLineOption warmup(QStringLiteral("warmup"),
        QStringLiteral("Seconds of load before measuring (default 3)."), QStringLiteral("S"),
        QStringLiteral("3"));
    const QCommandLineOption connections(QStringLiteral("connections"),
        QStringLiteral("wrk connections (default 32)."), QStringLiteral("N"), QStringLiteral("32"));
    const QCommandLineOption threads(QStringLiteral("threads"),
        QStringLiteral("wrk threads (default 1)."), QStringLiteral("N"), QStringLiteral("1"));
    const QCommandLineOption maxConcurrent(QStringLiteral("max-concurrent"),
        QStringLiteral("max_concurrent_requests_per_instance of both deployments (default: the "
                       "demo's own, 1)."),
        QStringLiteral("N"), QStringLiteral("0"));
    parser.addOptions({ duration, warmup, connections, threads, maxConcurrent });
    parser.process(app);
    Options options;
    const auto number = [&parser](const QCommandLineOption &option, int minimum, int *out) {
        bool ok = false;
        const int value = parser.value(option).toInt(&ok);
        if (!ok || value < minimum) {
            std::fprintf(stderr, "ui_bench: --%s wants a whole number >= %d, not '%s'\n",
                qPrintable(option.names().first()), minimum, qPrintable(parser.value(option)));
            return false;
        }
        *out = value;
        return true;
    };
    if (!number(duration, 1, &options.durationS) || !number(warmup, 0, &options.warmupS)
        || !number(connections, 1, &options.connections) || !number(threads, 1, &options.threads)
        || !number(maxConcurrent, 0, &options.maxConcurrent))
        return 2;
    return run(options);
}
