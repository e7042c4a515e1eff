#pragma once

// Adds or edits one Azure ML workspace profile: subscription, resource group, workspace
// name and, for sovereign clouds, the ARM and Entra ID hosts and tenant. OK checks the
// values with WorkspaceProfile::validate() and shows what is wrong under the fields,
// keeping the dialog open; only a valid profile is accepted.

#include "workspaceprofile.h"

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QLineEdit;

class AzureWorkspaceDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AzureWorkspaceDialog)
public:
    explicit AzureWorkspaceDialog(QWidget *parent = nullptr);

    void setProfile(const WorkspaceProfile &profile);
    WorkspaceProfile profile() const; // the fields as typed (trimmed)
    QString errorText() const; // what OK refused, empty when nothing was refused

    void accept() override;

private:
    QLineEdit *field(const QString &objectName, const QString &placeholder);

    QLineEdit *m_subscription;
    QLineEdit *m_group;
    QLineEdit *m_workspace;
    QLineEdit *m_armHost;
    QLineEdit *m_authorityHost;
    QLineEdit *m_tenant;
    QLabel *m_error;
    QDialogButtonBox *m_buttons;
};
