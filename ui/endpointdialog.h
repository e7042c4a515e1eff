#pragma once

// New endpoint: a name and an auth mode typed in, or read from an endpoint YAML file.
// Refusals (a bad name, the server's answer) show in the dialog, which stays open; once
// the server accepts, the dialog closes and the tree follows the creation.

#include "domain.h"

#include <QDialog>
#include <QPointer>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class WorkspaceStore;
struct ApiResult;

class EndpointDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EndpointDialog)
public:
    explicit EndpointDialog(WorkspaceStore *store, QWidget *parent = nullptr);
    ~EndpointDialog() override;

    void loadFile(const QString &path); // fills the form from an endpoint YAML file
    void setName(const QString &name);
    void submit(); // what the Create button does
    QString errorText() const;

signals:
    void submitted(const ApiResult &accepted, const QString &endpoint);
    void fileUsed(const QString &path);

private:
    void showError(const QString &text);
    void setBusy(bool busy);

    QPointer<WorkspaceStore> m_store;
    Endpoint m_fromFile; // what a YAML file gave (tags, description, ...), when one was read
    QString m_file;
    QLineEdit *m_name = nullptr;
    QComboBox *m_auth = nullptr;
    QLineEdit *m_description = nullptr;
    QLabel *m_fileLabel = nullptr;
    QLabel *m_error = nullptr;
    QProgressBar *m_busy = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};
