#include "loadgenerator.h"

#include "loadworker.h"

#include <QThread>

Status LoadSettings::validate() const
{
    if (!scoringUri.isValid() || scoringUri.host().isEmpty()
        || (scoringUri.scheme() != QLatin1String("http") && scoringUri.scheme() != QLatin1String("https")))
        return Error::validation(QStringLiteral("scoringUri"),
                                 QStringLiteral("The scoring URI '%1' is not an http(s) URL with a host; "
                                                "use the endpoint's scoring URI, e.g. http://127.0.0.1:PORT/score.")
                                     .arg(scoringUri.toString()));
    if (!(ratePerSecond >= 0 && ratePerSecond <= MaxRate))
        return Error::validation(QStringLiteral("rate"),
                                 QStringLiteral("The rate %1 requests/s is out of range: use 0 (as fast as "
                                                "possible) up to %2.")
                                     .arg(ratePerSecond)
                                     .arg(MaxRate));
    if (durationMs < 1 || durationMs > MaxDurationMs)
        return Error::validation(QStringLiteral("duration"),
                                 QStringLiteral("The duration %1 ms is out of range: use 1 ms up to %2 s.")
                                     .arg(durationMs)
                                     .arg(MaxDurationMs / 1000));
    if (concurrency < 1 || concurrency > MaxConcurrency)
        return Error::validation(QStringLiteral("concurrency"),
                                 QStringLiteral("The concurrency %1 is out of range: use 1 to %2 connections.")
                                     .arg(concurrency)
                                     .arg(MaxConcurrency));
    if (requestTimeoutMs < 1)
        return Error::validation(QStringLiteral("requestTimeoutMs"),
                                 QStringLiteral("The request timeout must be at least 1 ms; got %1.").arg(requestTimeoutMs));
    if (body.size() > MaxBodyBytes)
        return Error::validation(QStringLiteral("body"),
                                 QStringLiteral("The request body has %1 bytes; the load generator sends at most "
                                                "%2 MiB (endpoints refuse more than 1.5 MiB).")
                                     .arg(body.size())
                                     .arg(MaxBodyBytes / (1024 * 1024)));
    return {};
}

LoadGenerator::LoadGenerator(QObject *parent)
    : QObject(parent), m_thread(new QThread(this)), m_worker(new LoadWorker)
{
    qRegisterMetaType<LoadSettings>();
    qRegisterMetaType<LoadProgress>();
    m_thread->setObjectName(QStringLiteral("LoadGenerator"));
    m_worker->moveToThread(m_thread);
    connect(m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(m_worker, &LoadWorker::progressed, this, [this](const LoadProgress &progress) {
        if (!m_running)
            return; // a late tick of a run that has already finished
        m_last = progress;
        emit progressed(progress);
    });
    connect(m_worker, &LoadWorker::finished, this, [this](const LoadProgress &progress) {
        m_running = false;
        m_last = progress;
        emit finished(progress);
    });
    m_thread->start();
}

LoadGenerator::~LoadGenerator()
{
    if (m_worker)
        QMetaObject::invokeMethod(m_worker, [worker = m_worker]() { worker->stop(); }, Qt::QueuedConnection);
    m_thread->quit();
    m_thread->wait();
}

Status LoadGenerator::start(const LoadSettings &settings)
{
    if (m_running)
        return Error{ QStringLiteral("Busy"),
                      QStringLiteral("A load run is under way; stop it before starting another."), QString(), 0, 0 };
    if (Status valid = settings.validate(); !valid)
        return valid;
    m_running = true;
    m_last = LoadProgress();
    QMetaObject::invokeMethod(m_worker, [worker = m_worker, settings]() { worker->start(settings); },
                              Qt::QueuedConnection);
    return {};
}

void LoadGenerator::stop()
{
    if (!m_running || !m_worker)
        return;
    QMetaObject::invokeMethod(m_worker, [worker = m_worker]() { worker->stop(); }, Qt::QueuedConnection);
}
