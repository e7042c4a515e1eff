#pragma once

// A test-only driver of the real app, for the screenshot test: with
// ROLLOUTDESK_SCREENSHOT_DIR set it waits for the endpoint (ROLLOUTDESK_SCREENSHOT_ENDPOINT,
// default "demo"), starts the Monitor's load generator (ROLLOUTDESK_SCREENSHOT_RATE req/s,
// default 40), sends one request from the Test tab, then selects each tab in turn and
// saves a picture of the window per tab (NN-tab.png; the Monitor again in a dark palette),
// and quits. Exit code 0 when every picture was saved, 2 when it gave up.

#include <QDir>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <functional>

class MainWindow;

class Screenshotter final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Screenshotter)
public:
    // Does nothing unless ROLLOUTDESK_SCREENSHOT_DIR is set.
    static void attachIfRequested(MainWindow *window);

    Screenshotter(MainWindow *window, const QString &dir, QObject *parent = nullptr);

private:
    struct Step
    {
        QString what;
        int delayMs; // wait before the action, so the panels catch up
        std::function<bool()> action; // false: wait and try again (until the deadline)
    };

    void next();
    void fail(const QString &why);
    bool endpointReady() const;
    bool save(const QString &name);
    void addTabSteps();
    void addDarkMonitorStep();

    QPointer<MainWindow> m_window;
    QDir m_dir;
    QString m_endpoint;
    int m_rate = 40;
    QList<Step> m_steps;
    qsizetype m_step = 0;
    int m_attempts = 0;
    QTimer m_timer;
    int m_saved = 0;
};
