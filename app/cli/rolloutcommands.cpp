// rolloutctl rollout start|status|pause|resume|promote|abort -f plan.yml: guarded rollouts
// (README "Guarded rollouts"). `start` runs the plan in the foreground and prints every
// decision; the other commands act on the runner through its state file, or, when its
// runner is gone, take the plan over in this process.

#include "armjson.h"
#include "cliapp.h"
#include "clicommon.h"
#include "rolloutplan.h"
#include "rolloutrunner.h"
#include "rolloutstate.h"
#include "rules.h"
#include "workspaceclient.h"

#include <QDeadlineTimer>
#include <QEventLoop>
#include <QJsonObject>
#include <QThread>
#include <cstdio>

using namespace Cli;

namespace {

// How long pause/resume/promote/abort wait for a running runner to act.
constexpr int ActionTimeoutMs = 120000;

void writeLine(const QString &line)
{
    const QByteArray bytes = (line + QLatin1Char('\n')).toUtf8();
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stdout);
    std::fflush(stdout);
}

Result<RolloutPlan> loadPlan(const ParsedArgs &args)
{
    Result<RolloutPlan> plan = RolloutPlanFile::load(args.value(QStringLiteral("file")));
    if (!plan) {
        Error error = plan.error();
        error.message = error.toString(); // with the line and column
        return error;
    }
    return plan;
}

// Runs `runner` until it finishes (or fails to start); the exit code.
int runToEnd(RolloutRunner &runner, const std::function<void()> &kickOff, CliApp &app)
{
    int code = 1;
    std::optional<Error> failure;
    QEventLoop loop;
    QObject::connect(
        &runner, &RolloutRunner::reported, &loop, [](const QString &line) { writeLine(line); });
    QObject::connect(&runner, &RolloutRunner::startFailed, &loop, [&](const Error &error) {
        failure = error;
        loop.quit();
    });
    QObject::connect(&runner, &RolloutRunner::finished, &loop, [&](const RolloutState &state) {
        code = state.phase == RolloutState::Phase::Completed ? 0 : 1;
        loop.quit();
    });
    kickOff();
    loop.exec();
    if (failure)
        return app.fail(*failure);
    return code;
}

int start(CliApp &app, const ParsedArgs &args)
{
    Result<RolloutPlan> plan = loadPlan(args);
    if (!plan)
        return app.fail(plan.error());
    Result<WorkspaceClient *> client = app.workspace();
    if (!client)
        return app.fail(client.error());
    RolloutRunner runner(client.value(), app.stateDir());
    return runToEnd(
        runner, [&]() { runner.start(plan.value()); }, app);
}

int status(CliApp &app, const ParsedArgs &args)
{
    Result<RolloutPlan> plan = loadPlan(args);
    if (!plan)
        return app.fail(plan.error());
    Result<RolloutState> state = RolloutStateFile::read(app.stateDir(), plan->endpoint);
    if (!state)
        return app.fail(state.error());
    Result<WorkspaceClient *> client = app.workspace();
    if (!client)
        return app.fail(client.error());
    // What the endpoint has now, from the workspace, beside what the plan recorded.
    const ApiResult endpoint = app.await(client.value()->getEndpoint(plan->endpoint));
    std::optional<Endpoint> now;
    if (endpoint.ok()) {
        if (Result<Endpoint> e = ArmJson::endpointFromJson(endpoint.json))
            now = e.value();
    }
    const bool alive = !state->isFinished() && RolloutStateFile::runnerAlive(state.value());
    if (args.isSet(QStringLiteral("output")) || args.isSet(QStringLiteral("query"))) {
        QJsonObject o = state->toJson();
        o.insert(QStringLiteral("runner_running"), alive);
        if (now) {
            QJsonObject traffic;
            const TrafficMap map = now->traffic.value_or(TrafficMap());
            for (auto it = map.cbegin(); it != map.cend(); ++it)
                traffic.insert(it.key(), it.value());
            o.insert(QStringLiteral("current_traffic"), traffic);
        }
        return app.print(o);
    }
    for (const QString &line : state->lines(plan.value()))
        writeLine(line);
    if (now) {
        writeLine(QStringLiteral("endpoint traffic now: %1")
                      .arg(Rules::formatTraffic(now->traffic.value_or(TrafficMap()))));
    } else {
        app.warn(QStringLiteral("the endpoint's traffic could not be read: %1")
                     .arg(endpoint.error ? endpoint.error->message : QString()));
    }
    if (!state->isFinished()) {
        writeLine(alive ? QStringLiteral("runner: running (pid %1)").arg(state->runnerPid)
                        : QStringLiteral("runner: not running; `rolloutctl rollout resume|promote|"
                                         "abort -f %1` takes the plan over")
                              .arg(args.value(QStringLiteral("file"))));
    }
    return 0;
}

// Whether the state shows `action` done.
bool actionDone(const RolloutState &state, const QString &action)
{
    if (state.isFinished())
        return true;
    if (action == QLatin1String("pause"))
        return state.phase == RolloutState::Phase::Paused;
    if (action == QLatin1String("resume"))
        return state.phase != RolloutState::Phase::Paused;
    return false;
}

int control(CliApp &app, const ParsedArgs &args, const QString &action)
{
    Result<RolloutPlan> plan = loadPlan(args);
    if (!plan)
        return app.fail(plan.error());
    Result<RolloutState> state = RolloutStateFile::read(app.stateDir(), plan->endpoint);
    if (!state)
        return app.fail(state.error());
    if (state->isFinished()) {
        return app.fail(Error { QStringLiteral("RolloutFinished"),
            QStringLiteral("The plan on %1 is already %2 (%3); there is nothing to %4.")
                .arg(
                    state->endpoint, RolloutState::phaseName(state->phase), state->message, action),
            QString(), 0, 0 });
    }
    if (RolloutStateFile::runnerAlive(state.value())) {
        if (Status posted = RolloutStateFile::postRequest(app.stateDir(), plan->endpoint, action);
            !posted)
            return app.fail(posted.error());
        // The runner acts within a poll or two, or after a traffic change in flight.
        QDeadlineTimer deadline(ActionTimeoutMs);
        Result<RolloutState> now = state;
        while (!deadline.hasExpired()) {
            QThread::msleep(100);
            now = RolloutStateFile::read(app.stateDir(), plan->endpoint);
            if (now && actionDone(now.value(), action) && now->updated >= state->updated)
                break;
        }
        if (!now || !actionDone(now.value(), action)) {
            return app.fail(Error { QStringLiteral("RolloutTimeout"),
                QStringLiteral("The runner (pid %1) did not %2 within %3 s; see `rolloutctl "
                               "rollout status -f %4`.")
                    .arg(state->runnerPid)
                    .arg(action)
                    .arg(ActionTimeoutMs / 1000)
                    .arg(args.value(QStringLiteral("file"))),
                QString(), 0, 0 });
        }
        writeLine(QStringLiteral("%1: %2").arg(RolloutState::phaseName(now->phase), now->message));
        return 0;
    }
    // Its runner is gone: this process takes the plan over.
    Result<WorkspaceClient *> client = app.workspace();
    if (!client)
        return app.fail(client.error());
    RolloutRunner runner(client.value(), app.stateDir());
    if (Status adopted = runner.adopt(plan.value(), state.value()); !adopted)
        return app.fail(adopted.error());
    if (action == QLatin1String("pause")) {
        writeLine(QStringLiteral("paused at step %1 (no runner was running)").arg(state->step + 1));
        return 0;
    }
    const int code = runToEnd(
        runner, [&]() { (void)runner.request(action); }, app);
    // Abort and promote end the plan as asked: that is success.
    return runner.state().phase == RolloutState::Phase::Completed
            || (action == QLatin1String("abort")
                && runner.state().phase == RolloutState::Phase::Aborted)
        ? 0
        : code;
}

CliCommand command(const char *name, const char *summary, const char *example)
{
    return CliCommand { QStringLiteral("rollout"), QLatin1String(name), QLatin1String(summary),
        { option("file", "f", "The rollout plan's YAML file.", true) },
        { QStringLiteral("rolloutctl rollout %1 -f %2")
                .arg(QLatin1String(name), QLatin1String(example)) } };
}

} // namespace

QList<CliApp::Entry> CliApp::rolloutCommands()
{
    const char *plan = "plan.yml";
    return {
        { command("start", "Run a guarded rollout plan step by step (in the foreground).", plan),
            start },
        { command("status", "Show where the plan stands and every guard's numbers.", plan),
            status },
        { command("pause", "Pause the plan at its current split.", plan),
            [](CliApp &app, const ParsedArgs &args) {
                return control(app, args, QStringLiteral("pause"));
            } },
        { command("resume", "Resume a paused plan (or one whose runner stopped).", plan),
            [](CliApp &app, const ParsedArgs &args) {
                return control(app, args, QStringLiteral("resume"));
            } },
        { command(
              "promote", "Give the candidate the last step's traffic now, skipping guards.", plan),
            [](CliApp &app, const ParsedArgs &args) {
                return control(app, args, QStringLiteral("promote"));
            } },
        { command("abort", "Stop the plan and put back the split from before it.", plan),
            [](CliApp &app, const ParsedArgs &args) {
                return control(app, args, QStringLiteral("abort"));
            } },
    };
}
