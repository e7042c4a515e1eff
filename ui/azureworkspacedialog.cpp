#include "azureworkspacedialog.h"

#include "style/theme.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QVBoxLayout>

AzureWorkspaceDialog::AzureWorkspaceDialog(QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Azure Machine Learning Workspace"));
    m_subscription
        = field(QStringLiteral("subscription"), tr("00000000-0000-0000-0000-000000000000"));
    m_group = field(QStringLiteral("resourceGroup"), QString());
    m_workspace = field(QStringLiteral("workspaceName"), QString());
    m_armHost = field(QStringLiteral("armHost"), QLatin1String(WorkspaceProfile::DefaultArmHost));
    m_authorityHost = field(
        QStringLiteral("authorityHost"), QLatin1String(WorkspaceProfile::DefaultAuthorityHost));
    m_tenant = field(QStringLiteral("tenant"), tr("organizations"));
    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("errorLabel"));
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->setStyleSheet(Theme::messageStyle(Theme::State::Failed, palette()));
    m_error->hide();
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &AzureWorkspaceDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *form = new QFormLayout;
    form->addRow(tr("&Subscription ID:"), m_subscription);
    form->addRow(tr("&Resource group:"), m_group);
    form->addRow(tr("&Workspace name:"), m_workspace);
    auto *cloud = new QLabel(tr("Other clouds only (leave empty for Azure public cloud):"), this);
    cloud->setWordWrap(true);
    form->addRow(cloud);
    form->addRow(tr("&ARM host:"), m_armHost);
    form->addRow(tr("A&uthority host:"), m_authorityHost);
    form->addRow(tr("&Tenant:"), m_tenant);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addWidget(m_buttons);
    // An error describes the values as they were: editing any of them hides it.
    for (QLineEdit *edit :
        { m_subscription, m_group, m_workspace, m_armHost, m_authorityHost, m_tenant })
        connect(edit, &QLineEdit::textEdited, m_error, &QWidget::hide);
    resize(520, sizeHint().height());
}

QLineEdit *AzureWorkspaceDialog::field(const QString &objectName, const QString &placeholder)
{
    auto *edit = new QLineEdit(this);
    edit->setObjectName(objectName);
    edit->setPlaceholderText(placeholder);
    return edit;
}

void AzureWorkspaceDialog::setProfile(const WorkspaceProfile &profile)
{
    m_subscription->setText(profile.subscriptionId);
    m_group->setText(profile.resourceGroup);
    m_workspace->setText(profile.workspaceName);
    m_armHost->setText(profile.armHost);
    m_authorityHost->setText(profile.authorityHost);
    m_tenant->setText(profile.tenantId);
}

WorkspaceProfile AzureWorkspaceDialog::profile() const
{
    WorkspaceProfile p;
    p.subscriptionId = m_subscription->text().trimmed();
    p.resourceGroup = m_group->text().trimmed();
    p.workspaceName = m_workspace->text().trimmed();
    p.armHost = m_armHost->text().trimmed();
    p.authorityHost = m_authorityHost->text().trimmed();
    p.tenantId = m_tenant->text().trimmed();
    return p;
}

QString AzureWorkspaceDialog::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

void AzureWorkspaceDialog::accept()
{
    const WorkspaceProfile p = profile();
    // An empty profile would be the local workspace, which is always in the list already.
    const Status valid = p.isLocal() ? Status(Error::validation(QStringLiteral("workspace"),
                             tr("Enter the subscription ID, resource group and workspace "
                                "name of the Azure Machine Learning workspace.")))
                                     : p.validate();
    if (!valid) {
        m_error->setText(valid.error().message);
        m_error->show();
        return;
    }
    m_error->hide();
    QDialog::accept();
}
