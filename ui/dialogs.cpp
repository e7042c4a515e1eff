#include "dialogs.h"

#include <QCoreApplication>
#include <QFileDialog>
#include <QPushButton>

namespace Dialogs {

Confirm confirmWith(QWidget *parent)
{
    return [parent](const QString &title, const QString &text, const QString &acceptText,
                    const std::function<void()> &onAccepted) {
        confirm(parent, title, text, acceptText, onAccepted);
    };
}

void confirm(QWidget *parent, const QString &title, const QString &text, const QString &acceptText,
             const std::function<void()> &onAccepted)
{
    auto *box = new QMessageBox(QMessageBox::Question, title, text, QMessageBox::NoButton, parent);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setTextFormat(Qt::PlainText);
    QPushButton *accept = box->addButton(acceptText, QMessageBox::AcceptRole);
    box->addButton(QMessageBox::Cancel);
    box->setDefaultButton(accept);
    QObject::connect(box, &QMessageBox::buttonClicked, box, [accept, onAccepted](QAbstractButton *button) {
        if (button == accept && onAccepted)
            onAccepted();
    });
    box->open();
}

void inform(QWidget *parent, QMessageBox::Icon icon, const QString &title, const QString &text,
            const QString &extraButton, const std::function<void()> &onExtra)
{
    auto *box = new QMessageBox(icon, title, text, QMessageBox::Close, parent);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setTextFormat(Qt::PlainText);
    QPushButton *extra = nullptr;
    if (!extraButton.isEmpty())
        extra = box->addButton(extraButton, QMessageBox::ActionRole);
    QObject::connect(box, &QMessageBox::buttonClicked, box, [extra, onExtra](QAbstractButton *button) {
        if (extra && button == extra && onExtra)
            onExtra();
    });
    box->open();
}

void chooseFile(QWidget *parent, const QString &caption, const QString &filter,
                const std::function<void(const QString &path)> &onChosen)
{
    auto *dialog = new QFileDialog(parent, caption, QString(), filter);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setFileMode(QFileDialog::ExistingFile);
    dialog->setAcceptMode(QFileDialog::AcceptOpen);
    QObject::connect(dialog, &QFileDialog::fileSelected, dialog, [onChosen](const QString &path) {
        if (!path.isEmpty())
            onChosen(path);
    });
    dialog->open();
}

void chooseDirectory(QWidget *parent, const QString &caption, const QString &start,
                     const std::function<void(const QString &path)> &onChosen)
{
    auto *dialog = new QFileDialog(parent, caption, start);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setFileMode(QFileDialog::Directory);
    dialog->setOption(QFileDialog::ShowDirsOnly);
    QObject::connect(dialog, &QFileDialog::fileSelected, dialog, [onChosen](const QString &path) {
        if (!path.isEmpty())
            onChosen(path);
    });
    dialog->open();
}

QString yamlFilter()
{
    return QCoreApplication::translate("Dialogs", "YAML files (*.yml *.yaml);;All files (*)");
}

} // namespace Dialogs
