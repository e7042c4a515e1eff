#pragma once

// A plain-text editor for request bodies that checks the JSON as you type (after a short
// pause, so a large body does not slow typing), marks the error position and can
// pretty-print. Scoring bodies need not be JSON, so an error never blocks sending.

#include <QPlainTextEdit>
#include <QTimer>

class JsonEditor final : public QPlainTextEdit
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(JsonEditor)
public:
    struct Check
    {
        bool valid = false;
        bool empty = true;
        int line = 0; // 1-based; 0 when valid
        int column = 0;
        QString message; // Qt's parser message, without position
    };

    explicit JsonEditor(QWidget *parent = nullptr);

    // The body as it will be sent (UTF-8).
    QByteArray body() const { return toPlainText().toUtf8(); }
    void setBody(const QByteArray &body);

    const Check &check() const { return m_check; }
    // "Valid JSON" or "Line 3, column 7: missing value separator".
    QString statusText() const;
    // Re-indents valid JSON; returns false (and changes nothing) when it is not valid.
    bool prettyPrint();

    // Checks `text` now: the position of an error as line and column (1-based, columns
    // counted in characters, not bytes).
    static Check checkJson(const QByteArray &text);

signals:
    void checked(const JsonEditor::Check &check);

protected:
    void changeEvent(QEvent *event) override;

private:
    void runCheck();
    void markError();

    QTimer m_debounce;
    Check m_check;
};
