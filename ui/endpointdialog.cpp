#include "endpointdialog.h"

#include "appsettings.h"
#include "dialogs.h"
#include "rules.h"
#include "style/theme.h"
#include "workspaceclient.h"
#include "workspacestore.h"
#include "yamlspec.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileInfo>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QRegularExpressionValidator>
#include <QVBoxLayout>

EndpointDialog::EndpointDialog(WorkspaceStore *store, QWidget *parent)
    : QDialog(parent), m_store(store)
{
    setWindowTitle(tr("New Endpoint"));
    m_name = new QLineEdit(this);
    m_name->setObjectName(QStringLiteral("endpointName"));
    m_name->setPlaceholderText(tr("e.g. my-endpoint"));
    m_name->setMaxLength(Rules::MaxNameLength);
    m_name->setToolTip(tr("3 to 32 characters: letters, digits and '-', starting with a letter"));
    m_auth = new QComboBox(this);
    m_auth->addItem(tr("Key"), authModeYamlName(AuthMode::Key));
    m_auth->addItem(tr("Azure ML token"), authModeYamlName(AuthMode::AmlToken));
    m_description = new QLineEdit(this);
    m_description->setPlaceholderText(tr("Optional"));
    m_fileLabel = new QLabel(this);
    m_fileLabel->setWordWrap(true);
    m_fileLabel->setForegroundRole(QPalette::PlaceholderText);
    m_fileLabel->hide();
    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("endpointError"));
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->hide();
    m_busy = new QProgressBar(this);
    m_busy->setRange(0, 0);
    m_busy->setTextVisible(false);
    m_busy->hide();

    auto *form = new QFormLayout;
    form->setLabelAlignment(Qt::AlignRight | Qt::AlignVCenter);
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("&Authentication:"), m_auth);
    form->addRow(tr("&Description:"), m_description);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    QPushButton *create = m_buttons->addButton(tr("Create"), QDialogButtonBox::AcceptRole);
    create->setDefault(true);
    QPushButton *fromFile = m_buttons->addButton(tr("From YAML File…"), QDialogButtonBox::ActionRole);
    connect(create, &QPushButton::clicked, this, &EndpointDialog::submit);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(fromFile, &QPushButton::clicked, this, [this]() {
        Dialogs::chooseFile(this, tr("Endpoint YAML File"), Dialogs::yamlFilter(),
                            [this](const QString &path) { loadFile(path); });
    });

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_fileLabel);
    layout->addWidget(m_error);
    layout->addStretch(1);
    layout->addWidget(m_busy);
    layout->addWidget(m_buttons);
    setMinimumWidth(440);
    restoreGeometry(AppSettings().dialogGeometry(QStringLiteral("Endpoint")));
}

EndpointDialog::~EndpointDialog()
{
    AppSettings().setDialogGeometry(QStringLiteral("Endpoint"), saveGeometry());
}

void EndpointDialog::setName(const QString &name)
{
    m_name->setText(name);
}

void EndpointDialog::loadFile(const QString &path)
{
    Result<Endpoint> loaded = YamlSpec::loadEndpointFile(path);
    if (!loaded) {
        showError(loaded.error().toString());
        return;
    }
    m_fromFile = loaded.value();
    m_file = path;
    m_name->setText(m_fromFile.name);
    m_auth->setCurrentIndex(std::max(0, m_auth->findData(authModeYamlName(m_fromFile.authMode))));
    m_description->setText(m_fromFile.description);
    m_fileLabel->setText(tr("From %1").arg(QFileInfo(path).absoluteFilePath()));
    m_fileLabel->show();
    showError(QString());
    emit fileUsed(path);
}

void EndpointDialog::submit()
{
    const QString name = m_name->text().trimmed();
    if (Status ok = Rules::checkName(Rules::NameKind::Endpoint, name); !ok) {
        showError(ok.error().message);
        m_name->setFocus();
        return;
    }
    if (m_store && m_store->endpoint(name)) {
        showError(tr("An endpoint named '%1' already exists in this workspace. Choose another name.").arg(name));
        m_name->setFocus();
        return;
    }
    Endpoint endpoint = m_file.isEmpty() ? Endpoint() : m_fromFile;
    endpoint.name = name;
    endpoint.authMode = authModeFromYaml(m_auth->currentData().toString()).value_or(AuthMode::Key);
    endpoint.description = m_description->text();
    showError(QString());
    setBusy(true);
    ApiReply *reply = m_store->client()->putEndpoint(endpoint, false);
    connect(reply, &ApiReply::finished, this, [this, name](const ApiResult &result) {
        setBusy(false);
        if (!result.ok()) {
            showError(result.error->message);
            return;
        }
        emit submitted(result, name);
        accept();
    });
}

QString EndpointDialog::errorText() const
{
    return m_error->text();
}

void EndpointDialog::showError(const QString &text)
{
    m_error->setText(text);
    m_error->setVisible(!text.isEmpty());
    m_error->setStyleSheet(Theme::messageStyle(Theme::State::Failed, palette()));
}

void EndpointDialog::setBusy(bool busy)
{
    m_busy->setVisible(busy);
    for (QAbstractButton *b : m_buttons->buttons()) {
        if (m_buttons->buttonRole(b) != QDialogButtonBox::RejectRole)
            b->setEnabled(!busy);
    }
}
