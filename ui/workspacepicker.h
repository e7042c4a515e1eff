#pragma once

// Which workspace the window shows: Local first (its state folder in the tooltip), then the
// saved Azure ML workspaces (AppSettings), which the menu next to the list adds, edits and
// removes. Under the list, the Azure sign-in state (signing in, signed in as, failed).

#include "workspaceprofile.h"

#include <QList>
#include <QWidget>

class AzureWorkspaceDialog;
class QAction;
class QComboBox;
class QLabel;
class QToolButton;

class WorkspacePicker final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WorkspacePicker)
public:
    enum class SignIn
    {
        None,
        SigningIn,
        SignedIn,
        Failed
    };

    explicit WorkspacePicker(QWidget *parent = nullptr);

    void setLocalStateDir(const QString &dir);
    QString localStateDir() const { return m_stateDir; }
    QComboBox *comboBox() const { return m_combo; }
    QList<WorkspaceProfile> profiles() const { return m_profiles; }
    // The Azure workspace shown, or nullopt for Local.
    std::optional<WorkspaceProfile> currentProfile() const;

    // Opens the profile dialog (not modal); a valid profile is saved and opened.
    AzureWorkspaceDialog *addWorkspace();
    AzureWorkspaceDialog *editWorkspace(); // the current Azure workspace
    void removeWorkspace(); // the current Azure workspace; Local is shown again
    void chooseLocal(); // shows Local and asks for it
    void chooseProfile(int index); // shows profiles()[index] and asks for it

    void setSignInState(SignIn state, const QString &text);
    QString signInText() const;
    SignIn signInState() const { return m_signIn; }

signals:
    void localWorkspaceChosen(const QString &stateDir);
    void azureWorkspaceChosen(const WorkspaceProfile &profile);

protected:
    void changeEvent(QEvent *event) override;

private:
    AzureWorkspaceDialog *openDialog(int index); // index -1: a new profile
    void rebuild(int current);
    void save();
    void updateMenu();

    QComboBox *m_combo;
    QToolButton *m_menuButton;
    QAction *m_addAction;
    QAction *m_editAction;
    QAction *m_removeAction;
    QLabel *m_signInLabel;
    QString m_stateDir;
    QList<WorkspaceProfile> m_profiles;
    SignIn m_signIn = SignIn::None;
};
