#include "screenshotter.h"

#include "comparemodel.h"
#include "loadcontrols.h"
#include "mainwindow.h"
#include "monitorpanel.h"
#include "testpanel.h"
#include "apireply.h"
#include "workspaceclient.h"
#include "workspacestore.h"

#include <QApplication>
#include <QPalette>
#include <QStyleFactory>
#include <QTabWidget>

namespace {

constexpr int RetryMs = 250;
constexpr int MaxAttempts = 360; // 90 s for any one step
constexpr int SettleMs = 1500; // a tab's first paint, a chart's next poll and redraw

QPalette darkPalette()
{
    QPalette p;
    const QColor window(0x2b, 0x2d, 0x30);
    const QColor base(0x1f, 0x21, 0x24);
    const QColor text(0xe8, 0xea, 0xed);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, window);
    p.setColor(QPalette::ToolTipBase, base);
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, text.darker(160));
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, QColor(0x3a, 0x3d, 0x41));
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, Qt::white);
    p.setColor(QPalette::Highlight, QColor(0x4a, 0x90, 0xe2));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, QColor(0x8a, 0xb4, 0xf8));
    p.setColor(QPalette::Mid, QColor(0x50, 0x53, 0x57));
    p.setColor(QPalette::Dark, QColor(0x18, 0x19, 0x1b));
    p.setColor(QPalette::Light, QColor(0x5f, 0x63, 0x68));
    p.setColor(QPalette::Disabled, QPalette::Text, text.darker(180));
    p.setColor(QPalette::Disabled, QPalette::ButtonText, text.darker(180));
    p.setColor(QPalette::Disabled, QPalette::WindowText, text.darker(180));
    return p;
}

QString fileNameOf(const QString &tabText)
{
    QString name = tabText;
    name.remove(QLatin1Char('&'));
    return name.toLower().replace(QLatin1Char(' '), QLatin1Char('-'));
}

} // namespace

void Screenshotter::attachIfRequested(MainWindow *window)
{
    const QString dir = qEnvironmentVariable("ROLLOUTDESK_SCREENSHOT_DIR");
    if (!dir.isEmpty())
        new Screenshotter(window, dir, window);
}

Screenshotter::Screenshotter(MainWindow *window, const QString &dir, QObject *parent)
    : QObject(parent), m_window(window), m_dir(dir), m_timer(this)
{
    m_dir.mkpath(QStringLiteral("."));
    m_endpoint = qEnvironmentVariable("ROLLOUTDESK_SCREENSHOT_ENDPOINT", QStringLiteral("demo"));
    bool ok = false;
    const int rate = qEnvironmentVariableIntValue("ROLLOUTDESK_SCREENSHOT_RATE", &ok);
    if (ok && rate > 0)
        m_rate = rate;
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, [this]() {
        // Copies: an action may add steps, which moves the list.
        const std::function<bool()> action = m_steps[m_step].action;
        const QString what = m_steps[m_step].what;
        if (action()) {
            ++m_step;
            m_attempts = 0;
            next();
        } else if (++m_attempts > MaxAttempts) {
            fail(QStringLiteral("gave up waiting: %1").arg(what));
        } else {
            m_timer.start(RetryMs);
        }
    });

    m_steps.append({ QStringLiteral("the endpoint and its deployments, all Succeeded"), 0, [this]() {
                        if (!endpointReady())
                            return false;
                        m_window->resize(1440, 900);
                        m_window->selectEndpoint(m_endpoint);
                        return true;
                    } });
    // The rollout's interesting moment: 90/10, as a user would have it while watching.
    m_steps.append({ QStringLiteral("traffic blue=90 green=10"), 0, [this]() {
                        const TrafficMap split{ { QStringLiteral("blue"), 90 }, { QStringLiteral("green"), 10 } };
                        ApiReply *reply = m_window->store()->client()->updateTraffic(m_endpoint, split, std::nullopt, true);
                        connect(reply, &ApiReply::finished, this, [this](const ApiResult &result) {
                            if (!result.ok())
                                fail(QStringLiteral("traffic 90/10: %1").arg(result.error->message));
                            m_window->store()->refresh();
                        });
                        return true;
                    } });
    m_steps.append({ QStringLiteral("the 90/10 split shown"), 0, [this]() {
                        const EndpointSnapshot *e = m_window->store()->endpoint(m_endpoint);
                        return e && e->endpoint.traffic && e->endpoint.traffic->value(QStringLiteral("green")) == 10;
                    } });
    m_steps.append({ QStringLiteral("the Test and Monitor tabs"), 0, [this]() {
                        return m_window->findChild<TestPanel *>() && m_window->findChild<MonitorPanel *>()
                            && m_window->selectedEndpoint() == m_endpoint;
                    } });
    m_steps.append({ QStringLiteral("the load generator to start"), 0, [this]() {
                        LoadControls *load = m_window->findChild<MonitorPanel *>()->loadControls();
                        load->setRate(m_rate);
                        load->setDurationSeconds(240);
                        load->setConcurrency(4);
                        load->start();
                        return true;
                    } });
    m_steps.append({ QStringLiteral("the load generator running"), 500, [this]() {
                        return m_window->findChild<MonitorPanel *>()->loadControls()->generator()->isRunning();
                    } });
    m_steps.append({ QStringLiteral("a request from the Test tab"), 0, [this]() {
                        auto *test = m_window->findChild<TestPanel *>();
                        test->setTarget(QString());
                        test->send();
                        return true;
                    } });
    m_steps.append({ QStringLiteral("the Test tab's answer"), 0, [this]() {
                        return m_window->findChild<TestPanel *>()->shownExchange() != nullptr;
                    } });
    // Let the load run so the charts have a few seconds of history.
    m_steps.append({ QStringLiteral("traffic under load"), 10000, [this]() {
                        return m_window->findChild<MonitorPanel *>()->loadControls()->generator()->lastProgress().ok > 0;
                    } });
    addTabSteps();
    addDarkMonitorStep();
    m_steps.append({ QStringLiteral("the end"), 0, [this]() {
                        m_window->findChild<MonitorPanel *>()->loadControls()->stop();
                        qInfo("screenshotter: saved %d pictures in %s", m_saved, qPrintable(m_dir.absolutePath()));
                        QCoreApplication::exit(0);
                        return true;
                    } });
    QTimer::singleShot(0, this, [this]() { next(); });
}

void Screenshotter::addTabSteps()
{
    // The tab list is known once the panels are up, so each tab's steps are made then.
    m_steps.append({ QStringLiteral("the tabs"), 0, [this]() {
                        QTabWidget *tabs = m_window->panels();
                        QList<Step> shots;
                        for (int i = 0; i < tabs->count(); ++i) {
                            const QString name = QStringLiteral("%1-%2").arg(i + 1, 2, 10, QLatin1Char('0')).arg(fileNameOf(tabs->tabText(i)));
                            shots.append({ QStringLiteral("select tab %1").arg(name), 0, [tabs, i]() {
                                              tabs->setCurrentIndex(i);
                                              return true;
                                          } });
                            shots.append({ QStringLiteral("save %1").arg(name), SettleMs, [this, name]() { return save(name); } });
                            if (tabs->widget(i) == m_window->findChild<TestPanel *>()) {
                                shots.append({ QStringLiteral("compare"), 0, [this]() {
                                                  m_window->findChild<TestPanel *>()->compare();
                                                  return true;
                                              } });
                                shots.append({ QStringLiteral("compare answers"), 0, [this]() {
                                                  auto *test = m_window->findChild<TestPanel *>();
                                                  return !test->isBusy() && !test->compareModel()->answers().isEmpty();
                                              } });
                                shots.append({ QStringLiteral("save %1-compare").arg(name), 500,
                                               [this, name]() { return save(name + QStringLiteral("-compare")); } });
                            }
                        }
                        for (qsizetype k = 0; k < shots.size(); ++k)
                            m_steps.insert(m_step + 1 + k, shots[k]);
                        return true;
                    } });
}

void Screenshotter::addDarkMonitorStep()
{
    m_steps.append({ QStringLiteral("a dark palette"), 0, [this]() {
                        QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
                        QApplication::setPalette(darkPalette());
                        QTabWidget *tabs = m_window->panels();
                        tabs->setCurrentWidget(m_window->findChild<MonitorPanel *>());
                        return true;
                    } });
    m_steps.append({ QStringLiteral("save the dark Monitor"), SettleMs, [this]() {
                        const int index = m_window->panels()->currentIndex();
                        return save(QStringLiteral("%1-%2-dark")
                                        .arg(index + 1, 2, 10, QLatin1Char('0'))
                                        .arg(fileNameOf(m_window->panels()->tabText(index))));
                    } });
}

void Screenshotter::next()
{
    if (m_step >= m_steps.size() || !m_window)
        return;
    m_timer.start(m_steps[m_step].delayMs);
}

void Screenshotter::fail(const QString &why)
{
    qCritical("screenshotter: %s", qPrintable(why));
    QCoreApplication::exit(2);
}

bool Screenshotter::endpointReady() const
{
    WorkspaceStore *store = m_window->store();
    const EndpointSnapshot *e = store ? store->endpoint(m_endpoint) : nullptr;
    if (!e || e->deployments.isEmpty())
        return false;
    return std::all_of(e->deployments.begin(), e->deployments.end(), [](const DeploymentSnapshot &d) {
        return d.deployment.provisioningState == QLatin1String("Succeeded");
    });
}

bool Screenshotter::save(const QString &name)
{
    const QString path = m_dir.filePath(name + QStringLiteral(".png"));
    if (!m_window->grab().save(path)) {
        fail(QStringLiteral("cannot write %1").arg(path));
        return true;
    }
    ++m_saved;
    qInfo("screenshotter: %s", qPrintable(path));
    return true;
}
