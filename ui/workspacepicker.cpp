#include "workspacepicker.h"

#include "style/theme.h"

#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>

WorkspacePicker::WorkspacePicker(QWidget *parent) : QWidget(parent), m_combo(new QComboBox(this))
{
    m_combo->setObjectName(QStringLiteral("workspacePicker"));
    m_combo->addItem(Theme::icon(Theme::Icon::Workspace, palette()), tr("Local"));
    m_combo->setAccessibleName(tr("Workspace"));
    auto *label = new QLabel(tr("&Workspace:"), this);
    label->setBuddy(m_combo);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(label);
    layout->addWidget(m_combo, 1);
    connect(m_combo, &QComboBox::activated, this, [this](int index) {
        if (index == 0)
            emit localWorkspaceChosen(m_stateDir);
    });
}

void WorkspacePicker::setLocalStateDir(const QString &dir)
{
    m_stateDir = dir;
    const QString tip = tr("Local workspace: endpoints run on this computer.\nState folder: %1").arg(dir);
    m_combo->setItemData(0, tip, Qt::ToolTipRole);
    m_combo->setToolTip(tip);
}

void WorkspacePicker::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange)
        m_combo->setItemIcon(0, Theme::icon(Theme::Icon::Workspace, palette()));
    QWidget::changeEvent(event);
}
