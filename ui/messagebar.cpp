#include "messagebar.h"

#include "style/theme.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QToolButton>

MessageBar::MessageBar(QWidget *parent)
    : QFrame(parent), m_icon(new QLabel(this)), m_text(new QLabel(this)), m_action(new QPushButton(this)),
      m_close(new QToolButton(this))
{
    setObjectName(QStringLiteral("messageBar"));
    m_text->setWordWrap(true);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_text->setObjectName(QStringLiteral("messageText"));
    m_close->setAutoRaise(true);
    m_close->setText(QStringLiteral("✕"));
    m_close->setToolTip(tr("Close"));
    m_close->setAccessibleName(tr("Close message"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(10, 6, 6, 6);
    layout->addWidget(m_icon, 0, Qt::AlignTop);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_action, 0, Qt::AlignVCenter);
    layout->addWidget(m_close, 0, Qt::AlignTop);
    connect(m_close, &QToolButton::clicked, this, &MessageBar::dismiss);
    connect(m_action, &QPushButton::clicked, this, [this]() {
        const auto action = m_onAction;
        dismiss();
        if (action)
            action();
    });
    hide();
}

void MessageBar::showMessage(Kind kind, const QString &text, const QString &actionText,
                             const std::function<void()> &action)
{
    m_kind = kind;
    m_text->setText(text);
    m_action->setText(actionText);
    m_action->setVisible(!actionText.isEmpty());
    m_onAction = action;
    restyle();
    show();
}

void MessageBar::dismiss()
{
    m_onAction = {};
    m_text->clear();
    hide();
}

QString MessageBar::text() const
{
    return isHidden() ? QString() : m_text->text();
}

void MessageBar::restyle()
{
    m_styling = true;
    const QPalette pal = palette();
    Theme::Icon icon = Theme::Icon::Info;
    QColor accent = Theme::stateColor(Theme::State::Busy, pal);
    switch (m_kind) {
    case Kind::Info:
        break;
    case Kind::Success:
        icon = Theme::Icon::Success;
        accent = Theme::successColor(pal);
        break;
    case Kind::Warning:
        icon = Theme::Icon::Warning;
        accent = Theme::warningColor(pal);
        break;
    case Kind::Error:
        icon = Theme::Icon::Error;
        accent = Theme::errorColor(pal);
        break;
    }
    m_icon->setPixmap(Theme::icon(icon, pal).pixmap(20, 20));
    QColor background = accent;
    background.setAlpha(Theme::isDark(pal) ? 50 : 28);
    setStyleSheet(QStringLiteral("#messageBar { background: rgba(%1, %2, %3, %4); border: 1px solid %5; border-radius: 4px; }")
                      .arg(background.red())
                      .arg(background.green())
                      .arg(background.blue())
                      .arg(background.alpha())
                      .arg(accent.name()));
    m_styling = false;
}

void MessageBar::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange && !m_styling)
        restyle();
    QFrame::changeEvent(event);
}
