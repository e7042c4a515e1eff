#pragma once

// The app's sign-in to one Azure ML workspace: the credential chain azure-identity's
// default credential uses (service principal from AZURE_* variables, then the Azure CLI,
// then an interactive device-code sign-in), and the state the window shows next to the
// picker. start() asks for a token at once, so the user sees the sign-in (and, for device
// code, the code to enter) before the first list arrives; the client shares that fetch.

#include "workspaceprofile.h"

#include <QObject>
#include <QPointer>

class ChainedTokenCredential;
class DeviceCodeCredential;
class TokenCredential;

class AzureSignIn final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AzureSignIn)
public:
    enum class State
    {
        SigningIn,
        SignedIn,
        Failed
    };

    explicit AzureSignIn(const WorkspaceProfile &profile, QObject *parent = nullptr);

    TokenCredential *credential() const; // owned; give it to WorkspaceClient::setCredential
    void start();
    void cancel(); // stops a device-code sign-in waiting for the user
    State state() const { return m_state; }
    QString stateText() const { return m_text; }

    // "signed in as": the account a JWT access token names, else the credential's kind.
    static QString accountOf(const QString &token);

signals:
    void stateChanged(AzureSignIn::State state, const QString &text);
    void userCodeReceived(const QString &userCode, const QString &verificationUri);

private:
    void setState(State state, const QString &text);

    ChainedTokenCredential *m_chain;
    QPointer<DeviceCodeCredential> m_device;
    State m_state = State::SigningIn;
    QString m_text;
};
