#include "jsoneditor.h"

#include "style/theme.h"

#include <QEvent>
#include <QFontDatabase>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QTextBlock>

namespace {
constexpr int CheckDelayMs = 150;
constexpr qsizetype ImmediateCheckBytes = 64 * 1024; // small bodies are checked at once
}

JsonEditor::JsonEditor(QWidget *parent) : QPlainTextEdit(parent)
{
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    setLineWrapMode(QPlainTextEdit::NoWrap);
    setTabChangesFocus(false);
    setPlaceholderText(tr("Request body (JSON), e.g. {\"data\": [[1, 2, 3]]}"));
    m_debounce.setSingleShot(true);
    m_debounce.setInterval(CheckDelayMs);
    connect(&m_debounce, &QTimer::timeout, this, [this]() { runCheck(); });
    connect(this, &QPlainTextEdit::textChanged, this, [this]() {
        if (document()->characterCount() < ImmediateCheckBytes)
            runCheck();
        else
            m_debounce.start();
    });
    runCheck();
}

void JsonEditor::setBody(const QByteArray &body)
{
    setPlainText(QString::fromUtf8(body));
    runCheck();
}

JsonEditor::Check JsonEditor::checkJson(const QByteArray &text)
{
    Check check;
    check.empty = text.trimmed().isEmpty();
    if (check.empty) {
        check.message = tr("The body is empty");
        return check;
    }
    QJsonParseError error;
    QJsonDocument::fromJson(text, &error);
    if (error.error == QJsonParseError::NoError) {
        check.valid = true;
        return check;
    }
    // Qt reports the offset just past the offending character, except for a bad number
    // and trailing garbage, where it points at it; the mark goes on the character.
    qsizetype offset = std::clamp<qsizetype>(error.offset, 0, text.size());
    if (offset > 0 && offset < text.size() && error.error != QJsonParseError::IllegalNumber
        && error.error != QJsonParseError::GarbageAtEnd)
        --offset;
    const QByteArray before = text.left(offset);
    check.line = int(before.count('\n')) + 1;
    const qsizetype lineStart = before.lastIndexOf('\n') + 1;
    check.column = int(QString::fromUtf8(before.mid(lineStart)).size()) + 1;
    check.message = error.errorString();
    return check;
}

QString JsonEditor::statusText() const
{
    if (m_check.valid)
        return tr("Valid JSON");
    if (m_check.empty)
        return m_check.message;
    return tr("Line %1, column %2: %3").arg(m_check.line).arg(m_check.column).arg(m_check.message);
}

bool JsonEditor::prettyPrint()
{
    const QJsonDocument doc = QJsonDocument::fromJson(body());
    if (doc.isNull())
        return false;
    // Through the cursor, so the change can be undone.
    QTextCursor cursor(document());
    cursor.select(QTextCursor::Document);
    cursor.insertText(QString::fromUtf8(doc.toJson(QJsonDocument::Indented)).trimmed());
    return true;
}

void JsonEditor::runCheck()
{
    m_debounce.stop();
    m_check = checkJson(body());
    markError();
    emit checked(m_check);
}

void JsonEditor::markError()
{
    QList<QTextEdit::ExtraSelection> marks;
    if (!m_check.valid && !m_check.empty) {
        const QTextBlock block = document()->findBlockByNumber(m_check.line - 1);
        if (block.isValid()) {
            QTextEdit::ExtraSelection mark;
            mark.cursor = QTextCursor(block);
            const int column = std::min(m_check.column - 1, std::max(0, block.length() - 1));
            mark.cursor.setPosition(block.position() + column);
            mark.cursor.movePosition(QTextCursor::NextCharacter, QTextCursor::KeepAnchor);
            mark.format.setUnderlineStyle(QTextCharFormat::WaveUnderline);
            mark.format.setUnderlineColor(Theme::errorColor(palette()));
            QColor background = Theme::errorColor(palette());
            background.setAlpha(60);
            mark.format.setBackground(background);
            marks.append(mark);
        }
    }
    setExtraSelections(marks);
}

void JsonEditor::changeEvent(QEvent *event)
{
    QPlainTextEdit::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        markError();
}
