#pragma once

// A line above the panels for what happened out of sight (an operation that failed after
// its dialog closed, the demo being created, the host gone): an icon, the message in the
// server's words, an optional action and a close button. Never modal.

#include <QFrame>

#include <functional>

class QLabel;
class QPushButton;
class QToolButton;

class MessageBar final : public QFrame
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MessageBar)
public:
    enum class Kind { Info, Success, Warning, Error };

    explicit MessageBar(QWidget *parent = nullptr);

    void showMessage(Kind kind, const QString &text, const QString &actionText = QString(),
                     const std::function<void()> &action = {});
    void dismiss();
    QString text() const;
    Kind kind() const { return m_kind; }

protected:
    void changeEvent(QEvent *event) override;

private:
    void restyle();

    Kind m_kind = Kind::Info;
    QLabel *m_icon;
    QLabel *m_text;
    QPushButton *m_action;
    QToolButton *m_close;
    std::function<void()> m_onAction;
    bool m_styling = false;
};
