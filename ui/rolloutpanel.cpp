#include "rolloutpanel.h"

#include "hostinfo.h"
#include "rolloutguardsmodel.h"
#include "rolloutrunner.h"
#include "rollouttimelinemodel.h"
#include "rules.h"
#include "workspacestore.h"

#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace {

QTableView *tableView(QAbstractItemModel *model, const QString &name, QWidget *parent)
{
    auto *view = new QTableView(parent);
    view->setObjectName(name);
    view->setModel(model);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->verticalHeader()->hide();
    view->horizontalHeader()->setStretchLastSection(true);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    return view;
}

} // namespace

RolloutPanel::RolloutPanel(WorkspaceStore *store, QWidget *parent)
    : QWidget(parent)
    , m_store(store)
    , m_stateDir(LocalWorkspace::stateDir())
{
    m_planFile = new QLineEdit(this);
    m_planFile->setObjectName(QStringLiteral("rolloutPlanFile"));
    m_planFile->setPlaceholderText(tr("plan.yml (see the README: Guarded rollouts)"));
    auto *planLabel = new QLabel(tr("&Plan:"), this);
    planLabel->setBuddy(m_planFile);
    m_browse = new QPushButton(tr("&Browse…"), this);
    m_start = new QPushButton(tr("&Start"), this);
    m_start->setObjectName(QStringLiteral("rolloutStart"));
    m_pause = new QPushButton(tr("Pa&use"), this);
    m_resume = new QPushButton(tr("&Resume"), this);
    m_promote = new QPushButton(tr("Pro&mote"), this);
    m_abort = new QPushButton(tr("&Abort"), this);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("rolloutStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_timeline = new RolloutTimelineModel(this);
    m_guards = new RolloutGuardsModel(this);
    m_timelineView = tableView(m_timeline, QStringLiteral("rolloutTimeline"), this);
    m_guardsView = tableView(m_guards, QStringLiteral("rolloutGuards"), this);

    auto *planRow = new QHBoxLayout;
    planRow->addWidget(planLabel);
    planRow->addWidget(m_planFile, 1);
    planRow->addWidget(m_browse);
    planRow->addWidget(m_start);
    auto *actions = new QHBoxLayout;
    for (QPushButton *b : { m_pause, m_resume, m_promote, m_abort })
        actions->addWidget(b);
    actions->addStretch(1);
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_timelineView);
    splitter->addWidget(m_guardsView);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(planRow);
    layout->addLayout(actions);
    layout->addWidget(m_status);
    layout->addWidget(splitter, 1);

    connect(m_browse, &QPushButton::clicked, this, [this]() {
        const QString path = QFileDialog::getOpenFileName(this, tr("Rollout plan"),
            m_planFile->text(), tr("YAML files (*.yml *.yaml);;All files (*)"));
        if (!path.isEmpty())
            m_planFile->setText(path);
    });
    connect(m_start, &QPushButton::clicked, this, [this]() { start(); });
    connect(m_pause, &QPushButton::clicked, this, [this]() { act(QStringLiteral("pause")); });
    connect(m_resume, &QPushButton::clicked, this, [this]() { act(QStringLiteral("resume")); });
    connect(m_promote, &QPushButton::clicked, this, [this]() { act(QStringLiteral("promote")); });
    connect(m_abort, &QPushButton::clicked, this, [this]() { act(QStringLiteral("abort")); });
    connect(m_timelineView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
        [this](const QModelIndex &current) {
            if (current.isValid())
                showGuardsOf(current.row());
        });
    // A plan run by rolloutctl (or an earlier session) shows here too.
    m_watch.setInterval(WatchIntervalMs);
    connect(&m_watch, &QTimer::timeout, this, [this]() { refresh(); });
    m_watch.start();
    updateButtons();
}

RolloutPanel::~RolloutPanel() = default;

void RolloutPanel::setEndpoint(const QString &endpoint)
{
    m_endpoint = endpoint;
    refresh();
}

void RolloutPanel::setStateDir(const QString &dir)
{
    m_stateDir = dir;
    refresh();
}

void RolloutPanel::setPlanFile(const QString &path) { m_planFile->setText(path); }

QString RolloutPanel::status() const { return m_status->text(); }

bool RolloutPanel::isRunningHere() const { return m_runner && m_runner->isActive(); }

void RolloutPanel::refresh()
{
    if (m_runner && m_runner->plan().endpoint == m_endpoint) {
        showState(m_runner->state());
        return;
    }
    if (m_endpoint.isEmpty()) {
        m_state.reset();
        m_timeline->clear();
        m_guards->setEvaluation(std::nullopt);
        setStatusText(QString());
        updateButtons();
        return;
    }
    Result<RolloutState> state = RolloutStateFile::read(m_stateDir, m_endpoint);
    if (state) {
        showState(state.value());
    } else if (state.error().code == QLatin1String("NotFound")) {
        m_state.reset();
        m_timeline->clear();
        m_guards->setEvaluation(std::nullopt);
        setStatusText(tr("No rollout plan has run on %1. Choose a plan file and press Start.")
                          .arg(m_endpoint));
        updateButtons();
    } else {
        showError(state.error().message);
    }
}

RolloutRunner *RolloutPanel::newRunner()
{
    auto *runner = new RolloutRunner(m_store->client(), m_stateDir, this);
    connect(runner, &RolloutRunner::stateChanged, this, [this, runner](const RolloutState &state) {
        if (runner->plan().endpoint == m_endpoint)
            showState(state);
    });
    connect(runner, &RolloutRunner::startFailed, this, [this, runner](const Error &error) {
        runner->deleteLater();
        showError(error.message);
    });
    connect(runner, &RolloutRunner::finished, this, [this, runner](const RolloutState &state) {
        runner->deleteLater();
        if (state.endpoint == m_endpoint)
            showState(state);
    });
    m_runner = runner;
    return runner;
}

void RolloutPanel::start()
{
    m_error.clear();
    if (!m_store)
        return showError(tr("No workspace is open."));
    if (isRunningHere())
        return showError(tr("A plan is already running here; abort it first."));
    Result<RolloutPlan> plan = RolloutPlanFile::load(m_planFile->text().trimmed());
    if (!plan)
        return showError(plan.error().toString());
    if (!m_endpoint.isEmpty() && plan->endpoint != m_endpoint) {
        return showError(tr("The plan is for endpoint %1, but %2 is selected; select %1 or fix the "
                            "plan's `endpoint`.")
                             .arg(plan->endpoint, m_endpoint));
    }
    newRunner()->start(plan.value());
}

void RolloutPanel::act(const QString &action)
{
    m_error.clear();
    if (isRunningHere()) {
        if (Status done = m_runner->request(action); !done)
            showError(done.error().message);
        return;
    }
    Result<RolloutState> state = RolloutStateFile::read(m_stateDir, m_endpoint);
    if (!state)
        return showError(state.error().message);
    if (state->isFinished())
        return showError(tr("The plan on %1 is already over (%2).")
                             .arg(m_endpoint, RolloutState::phaseName(state->phase)));
    if (RolloutStateFile::runnerAlive(state.value())) {
        if (Status posted = RolloutStateFile::postRequest(m_stateDir, m_endpoint, action); !posted)
            return showError(posted.error().message);
        setStatusText(tr("Asked the runner (process %1) to %2.").arg(state->runnerPid).arg(action));
        return;
    }
    // Its runner is gone: the app takes the plan over.
    if (!m_store)
        return showError(tr("No workspace is open."));
    Result<RolloutPlan> plan = RolloutPlanFile::load(state->planFile);
    if (!plan)
        return showError(tr("The plan's file cannot be read to take the plan over: %1")
                             .arg(plan.error().toString()));
    RolloutRunner *runner = newRunner();
    if (Status adopted = runner->adopt(plan.value(), state.value()); !adopted) {
        runner->deleteLater();
        return showError(adopted.error().message);
    }
    if (action != QLatin1String("pause")) {
        if (Status done = runner->request(action); !done)
            showError(done.error().message);
    }
}

void RolloutPanel::showState(const RolloutState &state)
{
    m_state = state;
    m_timeline->setState(state);
    const QModelIndex current = m_timelineView->selectionModel()->currentIndex();
    showGuardsOf(current.isValid() ? current.row() : state.step);
    QString text = tr("%1 on %2 (baseline %3): %4 at step %5 of %6. Traffic: %7.")
                       .arg(state.candidate, state.endpoint, state.baseline,
                           RolloutState::phaseName(state.phase))
                       .arg(state.step + 1)
                       .arg(state.steps.size())
                       .arg(Rules::formatTraffic(state.appliedTraffic));
    if (!state.message.isEmpty())
        text += QLatin1Char(' ') + state.message;
    setStatusText(text);
    updateButtons();
}

void RolloutPanel::showError(const QString &message)
{
    // Kept under the plan's state (which is read again every second) until the next action.
    m_error = message;
    setStatusText(m_shown);
    updateButtons();
}

void RolloutPanel::setStatusText(const QString &text)
{
    m_shown = text;
    m_status->setText(
        m_error.isEmpty() ? text : tr("Error: %1").arg(m_error) + QLatin1Char('\n') + text);
}

void RolloutPanel::showGuardsOf(int step)
{
    m_guards->setEvaluation(m_timeline->evaluationOf(step));
}

void RolloutPanel::updateButtons()
{
    const bool unfinished = m_state && !m_state->isFinished();
    const bool paused = unfinished && m_state->phase == RolloutState::Phase::Paused;
    const bool orphaned
        = unfinished && !isRunningHere() && !RolloutStateFile::runnerAlive(*m_state);
    m_start->setEnabled(!unfinished && !isRunningHere() && m_store);
    m_pause->setEnabled(unfinished && !paused);
    m_resume->setEnabled(paused || orphaned);
    m_promote->setEnabled(unfinished);
    m_abort->setEnabled(unfinished);
}
