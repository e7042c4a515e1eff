#include "trafficpanel.h"

#include "armjson.h"
#include "historymodel.h"
#include "historyview.h"
#include "rules.h"
#include "style/theme.h"
#include "trafficslider.h"
#include "workspaceclient.h"
#include "workspacestore.h"

#include <QComboBox>
#include <QDateTime>
#include <QEvent>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QSlider>
#include <QSpinBox>
#include <QStackedWidget>
#include <QStandardItemModel>
#include <QToolButton>
#include <QVBoxLayout>

namespace {

const QList<int> Presets = { 0, 10, 25, 50, 75, 90, 100 };

int total(const TrafficMap &map)
{
    int sum = 0;
    for (int v : map)
        sum += v;
    return sum;
}

QLabel *wrappingLabel(QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

} // namespace

TrafficPanel::TrafficPanel(WorkspaceStore *store, QWidget *parent)
    : QWidget(parent), m_store(store)
{
    confirm = Dialogs::confirmWith(this);

    m_title = new QLabel(this);
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.25);
    titleFont.setBold(true);
    m_title->setFont(titleFont);

    auto *splitBox = new QGroupBox(tr("Live traffic"), this);
    auto *splitLayout = new QVBoxLayout(splitBox);
    splitLayout->addWidget(buildSplitEditor());

    auto *mirrorBox = new QGroupBox(tr("Mirror traffic"), this);
    auto *mirrorLayout = new QVBoxLayout(mirrorBox);
    mirrorLayout->addWidget(buildMirrorEditor());

    m_reasonLabel = wrappingLabel(this);
    m_reasonLabel->setObjectName(QStringLiteral("trafficReason"));
    m_reset = new QPushButton(tr("&Reset"), this);
    m_reset->setObjectName(QStringLiteral("trafficReset"));
    m_reset->setToolTip(tr("Discard the edits and show the endpoint's current traffic"));
    m_apply = new QPushButton(tr("&Apply…"), this);
    m_apply->setObjectName(QStringLiteral("trafficApply"));
    m_apply->setDefault(true);
    m_busyBar = new QProgressBar(this);
    m_busyBar->setRange(0, 0); // busy indicator
    m_busyBar->setTextVisible(false);
    m_busyBar->setMaximumWidth(120);
    m_busyBar->setMaximumHeight(m_apply->sizeHint().height() / 2);
    m_busyBar->hide();
    m_resultLabel = wrappingLabel(this);
    m_resultLabel->setObjectName(QStringLiteral("trafficResult"));
    auto *applyRow = new QHBoxLayout;
    applyRow->addWidget(m_reset);
    applyRow->addWidget(m_apply);
    applyRow->addWidget(m_busyBar);
    applyRow->addWidget(m_resultLabel, 1);

    auto *historyBox = new QGroupBox(tr("History"), this);
    auto *historyLayout = new QVBoxLayout(historyBox);
    historyLayout->addWidget(buildHistory());

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_title);
    layout->addWidget(splitBox);
    layout->addWidget(mirrorBox);
    layout->addWidget(m_reasonLabel);
    layout->addLayout(applyRow);
    layout->addWidget(historyBox, 1);

    connect(m_reset, &QPushButton::clicked, this, [this]() {
        loadServerMaps();
        setResult(QString(), false);
    });
    connect(m_apply, &QPushButton::clicked, this, &TrafficPanel::onApplyClicked);
    connect(store, &WorkspaceStore::endpointChanged, this, [this](const QString &e) {
        if (e != m_endpoint)
            return;
        onStoreChanged();
        refreshHistory(); // a change made elsewhere is in the history now
    });
    connect(store, &WorkspaceStore::deploymentAdded, this, [this](const QString &e) {
        if (e == m_endpoint)
            onStoreChanged();
    });
    connect(store, &WorkspaceStore::deploymentRemoved, this, [this](const QString &e) {
        if (e == m_endpoint)
            onStoreChanged();
    });
    connect(store, &WorkspaceStore::endpointRemoved, this, [this](const QString &e) {
        if (e == m_endpoint)
            setEndpoint(QString());
    });
    connect(store, &WorkspaceStore::refreshed, this, [this]() {
        if (isVisible())
            refreshHistory();
    });
    applyColors();
    setEndpoint(QString());
}

QWidget *TrafficPanel::buildSplitEditor()
{
    m_splitStack = new QStackedWidget(this);

    m_noDeploymentsPage = new QLabel(tr("This endpoint has no deployments yet: create one to send it traffic."), this);
    m_splitStack->addWidget(m_noDeploymentsPage);

    // Two deployments: one slider.
    m_twoWayPage = new QWidget(this);
    m_slider = new TrafficSlider(m_twoWayPage);
    m_slider->setObjectName(QStringLiteral("trafficSlider"));
    m_slider->setMarks(Presets);
    m_splitLabel = new QLabel(m_twoWayPage);
    m_splitLabel->setAlignment(Qt::AlignCenter);
    m_splitLabel->setObjectName(QStringLiteral("trafficSplitLabel"));
    auto *presetRow = new QHBoxLayout;
    m_presetLabel = new QLabel(m_twoWayPage);
    presetRow->addWidget(m_presetLabel);
    for (int preset : Presets) {
        auto *button = new QToolButton(m_twoWayPage);
        button->setText(tr("%1 %").arg(preset));
        button->setObjectName(QStringLiteral("trafficPreset%1").arg(preset));
        button->setFocusPolicy(Qt::StrongFocus);
        button->setAutoRaise(false);
        button->setMinimumWidth(button->fontMetrics().horizontalAdvance(tr("%1 %").arg(100)) + 16);
        connect(button, &QToolButton::clicked, this, [this, preset]() { m_slider->setValue(preset); });
        presetRow->addWidget(button);
        m_presets << button;
    }
    presetRow->addStretch(1);
    auto *twoWay = new QVBoxLayout(m_twoWayPage);
    twoWay->setContentsMargins(0, 0, 0, 0);
    twoWay->addWidget(m_slider);
    twoWay->addWidget(m_splitLabel);
    twoWay->addLayout(presetRow);
    m_splitStack->addWidget(m_twoWayPage);
    connect(m_slider, &QAbstractSlider::valueChanged, this, [this](int value) {
        if (m_loading || m_deployments.size() != 2)
            return;
        m_traffic[m_deployments.at(0)] = 100 - value;
        m_traffic[m_deployments.at(1)] = value;
        refreshMirrorChoices();
        updateState();
    });

    // More (or fewer) than two: one share each, and a total that must come out right.
    m_nWayPage = new QWidget(this);
    auto *nWay = new QVBoxLayout(m_nWayPage);
    nWay->setContentsMargins(0, 0, 0, 0);
    m_nWayForm = new QFormLayout;
    m_nWayForm->setLabelAlignment(Qt::AlignRight | Qt::AlignVCenter);
    nWay->addLayout(m_nWayForm);
    m_totalLabel = new QLabel(m_nWayPage);
    m_totalLabel->setObjectName(QStringLiteral("trafficTotal"));
    nWay->addWidget(m_totalLabel);
    m_splitStack->addWidget(m_nWayPage);
    return m_splitStack;
}

QWidget *TrafficPanel::buildMirrorEditor()
{
    auto *widget = new QWidget(this);
    m_mirrorTarget = new QComboBox(widget);
    m_mirrorTarget->setObjectName(QStringLiteral("mirrorTarget"));
    m_mirrorTarget->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_mirrorSlider = new QSlider(Qt::Horizontal, widget);
    m_mirrorSlider->setObjectName(QStringLiteral("mirrorSlider"));
    m_mirrorSlider->setRange(0, Rules::MaxMirrorPercent); // Azure mirrors at most 50 %
    m_mirrorSlider->setPageStep(5);
    m_mirrorSlider->setTickPosition(QSlider::TicksBelow);
    m_mirrorSlider->setTickInterval(10);
    m_mirrorSlider->setAccessibleName(tr("Mirror share"));
    m_mirrorValue = new QLabel(widget);
    m_mirrorValue->setMinimumWidth(m_mirrorValue->fontMetrics().horizontalAdvance(tr("%1 %").arg(100)));
    auto *targetRow = new QHBoxLayout;
    targetRow->addWidget(m_mirrorTarget);
    targetRow->addStretch(1);
    auto *shareRow = new QHBoxLayout;
    shareRow->addWidget(m_mirrorSlider, 2);
    shareRow->addWidget(m_mirrorValue);
    shareRow->addStretch(1);
    auto *hint = new QLabel(tr("A copy of this share of the live requests also goes to the target; its "
                               "answers are discarded. At most %1 %, to a deployment without live traffic.")
                                .arg(Rules::MaxMirrorPercent),
                            widget);
    hint->setWordWrap(true);
    hint->setForegroundRole(QPalette::PlaceholderText);
    auto *form = new QFormLayout(widget);
    form->setContentsMargins(0, 0, 0, 0);
    form->setLabelAlignment(Qt::AlignRight | Qt::AlignVCenter);
    form->addRow(tr("Mirror to:"), targetRow);
    form->addRow(tr("Share:"), shareRow);
    form->addRow(hint);

    connect(m_mirrorTarget, &QComboBox::currentIndexChanged, this, [this]() {
        if (m_loading)
            return;
        const QString target = m_mirrorTarget->currentData().toString();
        if (!target.isEmpty() && m_mirrorSlider->value() == 0) {
            // A target with 0 % mirrors nothing: start from the tutorial's 10 %.
            m_loading = true;
            m_mirrorSlider->setValue(10);
            m_loading = false;
        }
        m_mirror.clear();
        if (!target.isEmpty())
            m_mirror.insert(target, m_mirrorSlider->value());
        showEdits();
        updateState();
    });
    connect(m_mirrorSlider, &QSlider::valueChanged, this, [this](int value) {
        m_mirrorValue->setText(tr("%1 %").arg(value));
        if (m_loading)
            return;
        const QString target = m_mirrorTarget->currentData().toString();
        m_mirror.clear();
        if (!target.isEmpty())
            m_mirror.insert(target, value);
        updateState();
    });
    return widget;
}

QWidget *TrafficPanel::buildHistory()
{
    auto *widget = new QWidget(this);
    m_history = new HistoryModel(this);
    m_historyView = new HistoryView(widget);
    m_historyView->setObjectName(QStringLiteral("trafficHistory"));
    m_historyView->setModel(m_history);
    m_historyStatus = wrappingLabel(widget);
    auto *layout = new QVBoxLayout(widget);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_historyView, 1);
    layout->addWidget(m_historyStatus);
    m_historyStatus->hide();
    connect(m_historyView, &HistoryView::revertRequested, this, &TrafficPanel::revert);
    return widget;
}

// --- following the endpoint ----------------------------------------------------------------

void TrafficPanel::setEndpoint(const QString &endpoint)
{
    ++m_generation;
    m_endpoint = endpoint;
    m_busy = false;
    m_busyBar->hide();
    m_historyInFlight = false;
    m_history->clear();
    m_deployments.clear();
    m_serverTraffic.clear();
    m_serverMirror.clear();
    setResult(QString(), false);
    m_title->setText(endpoint.isEmpty() ? tr("No endpoint selected") : tr("Traffic of %1").arg(endpoint));
    setEnabled(!endpoint.isEmpty());
    onStoreChanged();
    loadServerMaps();
    refreshHistory();
}

void TrafficPanel::onStoreChanged()
{
    const EndpointSnapshot *e = m_store ? m_store->endpoint(m_endpoint) : nullptr;
    QStringList names;
    if (e) {
        for (const DeploymentSnapshot &d : e->deployments)
            names << d.deployment.name;
    }
    const TrafficMap serverTraffic = e ? Rules::withoutZeros(e->endpoint.traffic.value_or(TrafficMap())) : TrafficMap();
    const TrafficMap serverMirror = e ? Rules::withoutZeros(e->endpoint.mirrorTraffic.value_or(TrafficMap())) : TrafficMap();
    // Edits in progress are kept; an untouched editor follows the server.
    const bool dirty = isDirty();
    const bool namesChanged = names != m_deployments;
    m_serverTraffic = serverTraffic;
    m_serverMirror = serverMirror;
    if (namesChanged) {
        m_deployments = names;
        rebuildEditors();
    }
    if (!dirty && !m_busy)
        loadServerMaps();
    else if (namesChanged)
        showEdits();
    updateState();
}

void TrafficPanel::rebuildEditors()
{
    // Drop names that went, add the new ones at 0 %.
    TrafficMap kept;
    for (const QString &name : std::as_const(m_deployments))
        kept.insert(name, m_traffic.value(name));
    m_traffic = kept;
    if (!m_mirror.isEmpty() && !m_deployments.contains(m_mirror.firstKey()))
        m_mirror.clear();

    while (m_nWayForm->rowCount() > 0)
        m_nWayForm->removeRow(0);
    m_boxes.clear();
    if (m_deployments.size() == 2) {
        m_slider->setNames(m_deployments.at(0), m_deployments.at(1));
        m_presetLabel->setText(tr("Share of %1:").arg(m_deployments.at(1)));
        for (int i = 0; i < m_presets.size(); ++i) {
            const int share = Presets.at(i);
            m_presets.at(i)->setToolTip(tr("%1 %2 % · %3 %4 %").arg(m_deployments.at(0)).arg(100 - share).arg(m_deployments.at(1)).arg(share));
        }
        m_splitStack->setCurrentWidget(m_twoWayPage);
    } else if (m_deployments.isEmpty()) {
        m_splitStack->setCurrentWidget(m_noDeploymentsPage);
    } else {
        for (int i = 0; i < m_deployments.size(); ++i) {
            const QString name = m_deployments.at(i);
            auto *box = new QSpinBox(m_nWayPage);
            box->setObjectName(QStringLiteral("share_%1").arg(name));
            box->setRange(0, 100);
            box->setSuffix(tr(" %"));
            box->setAccessibleName(tr("Share of %1").arg(name));
            auto *label = new QLabel(name, m_nWayPage);
            label->setBuddy(box);
            const QColor color = Theme::deploymentColor(name, i, palette());
            label->setText(QStringLiteral("<span style=\"color:%1\">●</span> %2").arg(color.name(), name.toHtmlEscaped()));
            connect(box, &QSpinBox::valueChanged, this, [this, name](int value) {
                if (m_loading)
                    return;
                m_traffic[name] = value;
                refreshMirrorChoices();
                updateState();
            });
            m_nWayForm->addRow(label, box);
            m_boxes.insert(name, box);
        }
        m_splitStack->setCurrentWidget(m_nWayPage);
    }
    applyColors();
    refreshMirrorChoices();
}

void TrafficPanel::loadServerMaps()
{
    m_traffic.clear();
    for (const QString &name : std::as_const(m_deployments))
        m_traffic.insert(name, m_serverTraffic.value(name));
    m_mirror = m_serverMirror;
    showEdits();
    updateState();
}

void TrafficPanel::showEdits()
{
    m_loading = true;
    if (m_deployments.size() == 2)
        m_slider->setValue(m_traffic.value(m_deployments.at(1)));
    for (auto it = m_boxes.cbegin(); it != m_boxes.cend(); ++it)
        it.value()->setValue(m_traffic.value(it.key()));
    refreshMirrorChoices();
    const QString target = m_mirror.isEmpty() ? QString() : m_mirror.firstKey();
    m_mirrorTarget->setCurrentIndex(std::max(0, m_mirrorTarget->findData(target)));
    m_mirrorSlider->setValue(m_mirror.value(target));
    m_mirrorValue->setText(tr("%1 %").arg(m_mirrorSlider->value()));
    m_loading = false;
}

void TrafficPanel::refreshMirrorChoices()
{
    // None, then every deployment; those with live traffic cannot be picked (unless picked
    // already: then the rule's message says what to change).
    const bool wasLoading = m_loading;
    m_loading = true;
    const QString current = m_mirror.isEmpty() ? QString() : m_mirror.firstKey();
    m_mirrorTarget->clear();
    m_mirrorTarget->addItem(tr("None"), QString());
    auto *items = qobject_cast<QStandardItemModel *>(m_mirrorTarget->model());
    for (const QString &name : std::as_const(m_deployments)) {
        const int live = m_traffic.value(name);
        m_mirrorTarget->addItem(live > 0 ? tr("%1 (has %2 % live traffic)").arg(name).arg(live) : name, name);
        if (live > 0 && name != current && items)
            items->item(m_mirrorTarget->count() - 1)->setEnabled(false);
    }
    m_mirrorTarget->setCurrentIndex(std::max(0, m_mirrorTarget->findData(current)));
    m_mirrorSlider->setEnabled(!current.isEmpty());
    m_loading = wasLoading;
}

// --- checking and applying ---------------------------------------------------------------------

bool TrafficPanel::isDirty() const
{
    return Rules::withoutZeros(m_traffic) != m_serverTraffic || Rules::withoutZeros(m_mirror) != m_serverMirror;
}

QString TrafficPanel::reason() const
{
    if (m_endpoint.isEmpty())
        return tr("Select an endpoint.");
    if (m_deployments.isEmpty())
        return tr("The endpoint has no deployments.");
    if (Status traffic = Rules::checkTraffic(m_traffic, m_deployments); !traffic) {
        const int sum = total(m_traffic);
        if (sum != 0 && sum != 100)
            return tr("Total is %1 %: it must be 100 % (or 0 %).").arg(sum);
        return traffic.error().message;
    }
    if (Status mirror = Rules::checkMirrorTraffic(m_mirror, m_traffic, m_deployments); !mirror)
        return mirror.error().message;
    return QString();
}

void TrafficPanel::updateState()
{
    if (m_deployments.size() == 2) {
        m_splitLabel->setText(TrafficText::traffic(m_traffic, m_deployments));
    } else if (!m_deployments.isEmpty()) {
        const int sum = total(m_traffic);
        m_totalLabel->setText(tr("Total: %1 %").arg(sum));
        const bool right = sum == 0 || sum == 100;
        m_totalLabel->setStyleSheet(right ? QString() : Theme::messageStyle(Theme::State::Failed, palette()));
    }
    m_mirrorSlider->setEnabled(!m_mirror.isEmpty());
    const QString why = reason();
    const bool dirty = isDirty();
    m_reasonLabel->setText(why);
    m_reasonLabel->setVisible(!why.isEmpty() && !m_endpoint.isEmpty());
    m_apply->setEnabled(why.isEmpty() && dirty && !m_busy);
    m_reset->setEnabled(dirty && !m_busy);
    m_apply->setToolTip(why.isEmpty() ? (dirty ? tr("Review the change, then apply it") : tr("Nothing to apply: the editors show the endpoint's current traffic"))
                                      : why);
}

void TrafficPanel::onApplyClicked()
{
    if (!m_apply->isEnabled())
        return;
    const bool trafficChanged = Rules::withoutZeros(m_traffic) != m_serverTraffic;
    const bool mirrorChanged = Rules::withoutZeros(m_mirror) != m_serverMirror;
    const auto line = [](const QString &before, const QString &after, bool changed) {
        return changed ? tr("%1  →  %2").arg(before, after) : tr("%1 (unchanged)").arg(after);
    };
    const QString text = tr("Change the traffic of endpoint '%1'?\n\nLive traffic:  %2\nMirror:  %3\n\n"
                            "The next request follows the new setting.")
                             .arg(m_endpoint,
                                  line(TrafficText::traffic(m_serverTraffic, m_deployments),
                                       TrafficText::traffic(m_traffic, m_deployments), trafficChanged),
                                  line(TrafficText::mirror(m_serverMirror), TrafficText::mirror(m_mirror), mirrorChanged));
    const TrafficMap traffic = m_traffic;
    const TrafficMap mirror = Rules::withoutZeros(m_mirror);
    const int generation = m_generation;
    confirm(tr("Apply traffic change"), text, tr("Apply"), [=, this]() {
        if (generation != m_generation)
            return;
        // Only what changed is sent; the client reads the endpoint and keeps the other map.
        apply(trafficChanged ? std::optional(traffic) : std::nullopt,
              mirrorChanged ? std::optional(mirror) : std::nullopt);
    });
}

void TrafficPanel::apply(const std::optional<TrafficMap> &traffic, const std::optional<TrafficMap> &mirror)
{
    if (!m_store)
        return;
    m_busy = true;
    m_busyBar->show();
    setResult(tr("Applying…"), false);
    updateState();
    const int generation = m_generation;
    const TrafficMap sentTraffic = traffic.value_or(m_serverTraffic);
    const TrafficMap sentMirror = mirror.value_or(m_serverMirror);
    ApiReply *reply = m_store->client()->updateTraffic(m_endpoint, traffic, mirror, true);
    connect(reply, &ApiReply::finished, this, [=, this](const ApiResult &result) {
        if (generation == m_generation)
            onApplied(result, sentTraffic, sentMirror);
    });
}

void TrafficPanel::onApplied(const ApiResult &result, const TrafficMap &traffic, const TrafficMap &mirror)
{
    m_busy = false;
    m_busyBar->hide();
    if (!result.ok()) {
        setResult(result.error->message, true);
        updateState();
        return;
    }
    // The server has it now: that is the new baseline, and the editors show it.
    m_serverTraffic = Rules::withoutZeros(traffic);
    m_serverMirror = Rules::withoutZeros(mirror);
    loadServerMaps();
    setResult(tr("Applied at %1: %2; mirror %3.")
                  .arg(QLocale().toString(QTime::currentTime(), QStringLiteral("HH:mm:ss")),
                       TrafficText::traffic(m_serverTraffic, m_deployments), TrafficText::mirror(m_serverMirror)),
              false);
    emit trafficApplied(m_endpoint);
    m_store->refresh();
    refreshHistory();
}

void TrafficPanel::revert(int row)
{
    if (row < 0 || row >= m_history->rowCount() || m_busy)
        return;
    const TrafficChange change = m_history->change(row);
    // Deployments deleted since then drop out of the maps: they carry 0 % now anyway.
    TrafficMap traffic;
    for (auto it = change.trafficBefore.cbegin(); it != change.trafficBefore.cend(); ++it) {
        if (m_deployments.contains(it.key()) || it.value() > 0)
            traffic.insert(it.key(), it.value());
    }
    TrafficMap mirror;
    for (auto it = change.mirrorBefore.cbegin(); it != change.mirrorBefore.cend(); ++it) {
        if (m_deployments.contains(it.key()) || it.value() > 0)
            mirror.insert(it.key(), it.value());
    }
    if (Status ok = Rules::checkEndpointTraffic(traffic, mirror, m_deployments); !ok) {
        setResult(tr("Cannot revert that change: %1").arg(ok.error().message), true);
        return;
    }
    const QString when = HistoryModel::timeText(change.time);
    const QString text = tr("Revert endpoint '%1' to the traffic before the change of %2?\n\n"
                            "Live traffic:  %3  →  %4\nMirror:  %5  →  %6")
                             .arg(m_endpoint, when, TrafficText::traffic(m_serverTraffic, m_deployments),
                                  TrafficText::traffic(traffic, m_deployments),
                                  TrafficText::mirror(m_serverMirror), TrafficText::mirror(mirror));
    const int generation = m_generation;
    confirm(tr("Revert traffic change"), text, tr("Revert"), [=, this]() {
        if (generation == m_generation)
            apply(traffic, mirror);
    });
}

void TrafficPanel::setResult(const QString &text, bool failed)
{
    m_resultFailed = failed;
    m_resultLabel->setText(text);
    m_resultLabel->setStyleSheet(text.isEmpty() || text == tr("Applying…")
                                     ? QString()
                                     : Theme::messageStyle(failed ? Theme::State::Failed : Theme::State::Succeeded, palette()));
}

QString TrafficPanel::resultText() const
{
    return m_resultLabel->text();
}

// --- history -----------------------------------------------------------------------------------

void TrafficPanel::refreshHistory()
{
    if (!m_store || m_endpoint.isEmpty() || m_historyInFlight)
        return;
    if (!m_store->client()->servesLocalRoutes()) {
        m_historyStatus->setText(tr("The change history is not available on Azure workspaces."));
        m_historyStatus->show();
        return;
    }
    m_historyInFlight = true;
    const int generation = m_generation;
    ApiReply *reply = m_store->client()->history(m_endpoint);
    connect(reply, &ApiReply::finished, this, [this, generation](const ApiResult &result) {
        if (generation != m_generation)
            return;
        m_historyInFlight = false;
        Result<QList<TrafficChange>> changes = result.ok()
            ? ArmJson::historyFromJson(result.json)
            : Result<QList<TrafficChange>>(*result.error);
        if (!changes) {
            m_historyStatus->setText(tr("The history could not be read: %1").arg(changes.error().message));
            m_historyStatus->show();
            return;
        }
        m_historyStatus->hide();
        m_history->setChanges(changes.value());
    });
}

// --- look ---------------------------------------------------------------------------------------

void TrafficPanel::applyColors()
{
    if (m_deployments.size() == 2) {
        m_slider->setColors(Theme::deploymentColor(m_deployments.at(0), 0, palette()),
                            Theme::deploymentColor(m_deployments.at(1), 1, palette()));
    }
    m_reasonLabel->setStyleSheet(Theme::messageStyle(Theme::State::Failed, palette()));
    setResult(m_resultLabel->text(), m_resultFailed);
}

void TrafficPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange && m_slider) {
        applyColors();
        if (!m_boxes.isEmpty()) {
            // The colour dots are in the labels' text.
            rebuildEditors();
            showEdits();
        }
    }
    QWidget::changeEvent(event);
}

void TrafficPanel::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    refreshHistory();
}
