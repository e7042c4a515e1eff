#include "workspacepicker.h"

#include "appsettings.h"
#include "azureworkspacedialog.h"
#include "style/theme.h"

#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QToolButton>
#include <QVBoxLayout>
#include <algorithm>
#include <utility>

WorkspacePicker::WorkspacePicker(QWidget *parent)
    : QWidget(parent)
    , m_combo(new QComboBox(this))
    , m_menuButton(new QToolButton(this))
    , m_signInLabel(new QLabel(this))
    , m_profiles(AppSettings().azureWorkspaces())
{
    m_combo->setObjectName(QStringLiteral("workspacePicker"));
    m_combo->setAccessibleName(tr("Workspace"));
    auto *label = new QLabel(tr("&Workspace:"), this);
    label->setBuddy(m_combo);

    auto *menu = new QMenu(this);
    m_addAction = menu->addAction(tr("&Add Azure Workspace…"));
    m_editAction = menu->addAction(tr("&Edit Azure Workspace…"));
    m_removeAction = menu->addAction(tr("&Remove Azure Workspace"));
    connect(m_addAction, &QAction::triggered, this, [this]() { addWorkspace(); });
    connect(m_editAction, &QAction::triggered, this, [this]() { editWorkspace(); });
    connect(m_removeAction, &QAction::triggered, this, &WorkspacePicker::removeWorkspace);
    m_menuButton->setObjectName(QStringLiteral("workspaceMenu"));
    m_menuButton->setText(QStringLiteral("…"));
    m_menuButton->setAccessibleName(tr("Manage Azure workspaces"));
    m_menuButton->setToolTip(tr("Add, edit or remove Azure Machine Learning workspaces"));
    m_menuButton->setMenu(menu);
    m_menuButton->setPopupMode(QToolButton::InstantPopup);

    m_signInLabel->setObjectName(QStringLiteral("signInState"));
    m_signInLabel->setWordWrap(true);
    m_signInLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_signInLabel->hide();

    auto *row = new QHBoxLayout;
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(label);
    row->addWidget(m_combo, 1);
    row->addWidget(m_menuButton);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(row);
    layout->addWidget(m_signInLabel);
    rebuild(0);
    connect(m_combo, &QComboBox::activated, this, [this](int index) {
        if (index == 0)
            chooseLocal();
        else
            chooseProfile(index - 1);
    });
}

void WorkspacePicker::setLocalStateDir(const QString &dir)
{
    m_stateDir = dir;
    const QString tip
        = tr("Local workspace: endpoints run on this computer.\nState folder: %1").arg(dir);
    m_combo->setItemData(0, tip, Qt::ToolTipRole);
    if (m_combo->currentIndex() == 0)
        m_combo->setToolTip(tip);
}

std::optional<WorkspaceProfile> WorkspacePicker::currentProfile() const
{
    const int index = m_combo->currentIndex() - 1;
    if (index < 0 || index >= m_profiles.size())
        return std::nullopt;
    return m_profiles.at(index);
}

void WorkspacePicker::chooseLocal()
{
    m_combo->setCurrentIndex(0);
    m_combo->setToolTip(m_combo->itemData(0, Qt::ToolTipRole).toString());
    setSignInState(SignIn::None, QString());
    updateMenu();
    emit localWorkspaceChosen(m_stateDir);
}

void WorkspacePicker::chooseProfile(int index)
{
    if (index < 0 || index >= m_profiles.size())
        return;
    m_combo->setCurrentIndex(index + 1);
    m_combo->setToolTip(m_combo->itemData(index + 1, Qt::ToolTipRole).toString());
    updateMenu();
    emit azureWorkspaceChosen(m_profiles.at(index));
}

AzureWorkspaceDialog *WorkspacePicker::addWorkspace() { return openDialog(-1); }

AzureWorkspaceDialog *WorkspacePicker::editWorkspace()
{
    const int index = m_combo->currentIndex() - 1;
    return index >= 0 ? openDialog(index) : nullptr;
}

AzureWorkspaceDialog *WorkspacePicker::openDialog(int index)
{
    auto *dialog = new AzureWorkspaceDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    if (index >= 0)
        dialog->setProfile(m_profiles.at(index));
    connect(dialog, &QDialog::accepted, this, [this, dialog, index]() {
        const WorkspaceProfile profile = dialog->profile();
        int row = int(m_profiles.indexOf(profile));
        if (row < 0 && index >= 0 && index < m_profiles.size()) {
            m_profiles[index] = profile;
            row = index;
        } else if (row < 0) {
            m_profiles.append(profile);
            row = int(m_profiles.size()) - 1;
        }
        save();
        rebuild(row + 1);
        chooseProfile(row);
    });
    dialog->open();
    return dialog;
}

void WorkspacePicker::removeWorkspace()
{
    const int index = m_combo->currentIndex() - 1;
    if (index < 0 || index >= m_profiles.size())
        return;
    m_profiles.removeAt(index);
    save();
    rebuild(0);
    chooseLocal();
}

void WorkspacePicker::setSignInState(SignIn state, const QString &text)
{
    m_signIn = state;
    m_signInLabel->setText(text);
    m_signInLabel->setVisible(state != SignIn::None && !text.isEmpty());
    const Theme::State look = state == SignIn::SignedIn ? Theme::State::Succeeded
        : state == SignIn::Failed                       ? Theme::State::Failed
                                                        : Theme::State::Busy;
    m_signInLabel->setStyleSheet(
        state == SignIn::None ? QString() : Theme::messageStyle(look, palette()));
}

QString WorkspacePicker::signInText() const
{
    return m_signInLabel->isHidden() ? QString() : m_signInLabel->text();
}

void WorkspacePicker::save() { AppSettings().setAzureWorkspaces(m_profiles); }

void WorkspacePicker::rebuild(int current)
{
    const QSignalBlocker blocker(m_combo);
    m_combo->clear();
    m_combo->addItem(Theme::icon(Theme::Icon::Workspace, palette()), tr("Local"));
    setLocalStateDir(m_stateDir);
    for (const WorkspaceProfile &p : std::as_const(m_profiles)) {
        m_combo->addItem(tr("Azure: %1").arg(p.displayName()));
        m_combo->setItemData(m_combo->count() - 1,
            tr("Azure Machine Learning workspace %1\nSubscription: %2\nARM: %3")
                .arg(p.displayName(), p.subscriptionId, p.armBaseUrl()),
            Qt::ToolTipRole);
    }
    m_combo->setCurrentIndex(std::clamp(current, 0, m_combo->count() - 1));
    updateMenu();
}

void WorkspacePicker::updateMenu()
{
    const bool azure = m_combo->currentIndex() > 0;
    m_editAction->setEnabled(azure);
    m_removeAction->setEnabled(azure);
}

void WorkspacePicker::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange)
        m_combo->setItemIcon(0, Theme::icon(Theme::Icon::Workspace, palette()));
    QWidget::changeEvent(event);
}
