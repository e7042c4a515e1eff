#pragma once

// Questions and messages shown without a nested event loop: each dialog is opened
// window-modal with open() and calls back when answered, so the network keeps flowing
// and the window keeps painting while it is up.

#include <QMessageBox>
#include <QString>

#include <functional>

class QWidget;

namespace Dialogs {

// Asks `text`; `onAccepted` runs when the user presses the accept button.
// A panel keeps one of these as a member so tests can replace it with one that accepts.
using Confirm = std::function<void(const QString &title, const QString &text,
                                   const QString &acceptText, const std::function<void()> &onAccepted)>;
Confirm confirmWith(QWidget *parent);

void confirm(QWidget *parent, const QString &title, const QString &text, const QString &acceptText,
             const std::function<void()> &onAccepted);

// Shows `text`; `extraButton` (when not empty) runs `onExtra`: a way forward that is not
// destructive (e.g. "Open Traffic").
void inform(QWidget *parent, QMessageBox::Icon icon, const QString &title, const QString &text,
            const QString &extraButton = QString(), const std::function<void()> &onExtra = {});

// Lets the user pick an existing file; `onChosen` gets its path.
void chooseFile(QWidget *parent, const QString &caption, const QString &filter,
                const std::function<void(const QString &path)> &onChosen);

// Lets the user pick a folder; `onChosen` gets its path.
void chooseDirectory(QWidget *parent, const QString &caption, const QString &start,
                     const std::function<void(const QString &path)> &onChosen);

QString yamlFilter();

} // namespace Dialogs
