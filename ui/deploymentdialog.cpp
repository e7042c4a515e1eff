#include "deploymentdialog.h"

#include "appsettings.h"
#include "dialogs.h"
#include "rules.h"
#include "style/theme.h"
#include "workspaceclient.h"
#include "workspacestore.h"
#include "yamlspec.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QTabWidget>
#include <QTextBlock>
#include <QToolButton>
#include <QVBoxLayout>

namespace {

const char DefaultImage[] = "mcr.microsoft.com/azureml/openmpi4.1.0-ubuntu22.04:latest";

// A line edit with a "…" button that picks a file or folder into it.
QHBoxLayout *pickerRow(QLineEdit *edit, QToolButton *button)
{
    auto *row = new QHBoxLayout;
    row->setSpacing(4);
    row->addWidget(edit, 1);
    row->addWidget(button);
    return row;
}

QString absolute(const QString &path)
{
    return path.isEmpty() ? QString() : QDir::cleanPath(QFileInfo(path).absoluteFilePath());
}

} // namespace

DeploymentDialog::DeploymentDialog(WorkspaceStore *store, const QString &endpoint,
                                   const QString &deployment, QWidget *parent)
    : QDialog(parent), m_store(store)
{
    setWindowTitle(deployment.isEmpty() ? tr("New Deployment") : tr("Update Deployment"));

    m_endpoint = new QComboBox(this);
    m_endpoint->setObjectName(QStringLiteral("deploymentEndpoint"));
    if (store) {
        for (const EndpointSnapshot &e : store->endpoints())
            m_endpoint->addItem(Theme::icon(Theme::Icon::Endpoint, palette()), e.endpoint.name);
    }
    m_endpoint->setCurrentIndex(std::max(0, m_endpoint->findText(endpoint)));
    m_name = new QLineEdit(deployment, this);
    m_name->setObjectName(QStringLiteral("deploymentName"));
    m_name->setPlaceholderText(tr("from the file, or e.g. green"));
    m_name->setMaxLength(Rules::MaxNameLength);
    m_modeHint = new QLabel(this);
    m_modeHint->setForegroundRole(QPalette::PlaceholderText);
    auto *top = new QFormLayout;
    top->setLabelAlignment(Qt::AlignRight | Qt::AlignVCenter);
    top->addRow(tr("&Endpoint:"), m_endpoint);
    top->addRow(tr("&Name:"), m_name);
    top->addRow(QString(), m_modeHint);

    m_tabs = new QTabWidget(this);
    m_tabs->addTab(buildYamlPage(), tr("From a YAML File"));
    m_tabs->addTab(buildFormPage(), tr("From a Form"));

    m_allTraffic = new QCheckBox(tr("Send &all traffic to it once it is ready"), this);
    m_allTraffic->setToolTip(tr("Like --all-traffic: the endpoint's traffic becomes {this deployment: 100 %} "
                                "once it has started. Otherwise it starts with 0 %."));
    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("deploymentError"));
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->hide();
    m_busy = new QProgressBar(this);
    m_busy->setRange(0, 0);
    m_busy->setTextVisible(false);
    m_busy->hide();
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_submit = m_buttons->addButton(tr("Create"), QDialogButtonBox::AcceptRole);
    m_submit->setDefault(true);
    connect(m_submit, &QPushButton::clicked, this, &DeploymentDialog::submit);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_tabs, 1);
    layout->addWidget(m_allTraffic);
    layout->addWidget(m_error);
    layout->addWidget(m_busy);
    layout->addWidget(m_buttons);

    connect(m_endpoint, &QComboBox::currentIndexChanged, this, &DeploymentDialog::updateMode);
    connect(m_name, &QLineEdit::textEdited, this, &DeploymentDialog::updateMode);
    connect(m_name, &QLineEdit::editingFinished, this, &DeploymentDialog::validate);
    connect(m_tabs, &QTabWidget::currentChanged, this, [this]() {
        showError(nullptr);
        validate();
    });
    resize(640, 560);
    restoreGeometry(AppSettings().dialogGeometry(QStringLiteral("Deployment")));
    updateMode();
}

DeploymentDialog::~DeploymentDialog()
{
    AppSettings().setDialogGeometry(QStringLiteral("Deployment"), saveGeometry());
}

QWidget *DeploymentDialog::buildYamlPage()
{
    auto *page = new QWidget(this);
    m_path = new QLineEdit(page);
    m_path->setObjectName(QStringLiteral("deploymentFile"));
    m_path->setPlaceholderText(tr("blue-deployment.yml"));
    auto *browse = new QToolButton(page);
    browse->setText(tr("Browse…"));
    m_preview = new QPlainTextEdit(page);
    m_preview->setReadOnly(true);
    m_preview->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_preview->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_preview->setPlaceholderText(tr("The file's text shows here."));
    auto *form = new QFormLayout(page);
    form->setLabelAlignment(Qt::AlignRight | Qt::AlignVCenter);
    form->addRow(tr("&File:"), pickerRow(m_path, browse));
    form->addRow(m_preview);
    connect(browse, &QToolButton::clicked, this, [this]() {
        Dialogs::chooseFile(this, tr("Deployment YAML File"), Dialogs::yamlFilter(),
                            [this](const QString &path) { loadFile(path); });
    });
    connect(m_path, &QLineEdit::editingFinished, this, [this]() {
        if (m_path->text() != m_file)
            loadFile(m_path->text());
    });
    return page;
}

QWidget *DeploymentDialog::buildFormPage()
{
    auto *page = new QWidget(this);
    m_modelFolder = new QLineEdit(page);
    m_modelFolder->setObjectName(QStringLiteral("modelFolder"));
    m_codeFolder = new QLineEdit(page);
    m_codeFolder->setObjectName(QStringLiteral("codeFolder"));
    m_script = new QLineEdit(QStringLiteral("score.py"), page);
    m_condaFile = new QLineEdit(page);
    m_condaFile->setPlaceholderText(tr("Optional: the environment's conda.yaml"));
    m_instanceType = new QComboBox(page);
    m_instanceType->setEditable(true);
    m_instanceType->addItems({ QStringLiteral("Standard_DS3_v2"), QStringLiteral("Standard_DS2_v2"),
                               QStringLiteral("Standard_F4s_v2"), QStringLiteral("Standard_E4s_v3") });
    m_instanceCount = new QSpinBox(page);
    m_instanceCount->setRange(Rules::MinInstanceCount, Rules::MaxInstanceCount);
    const auto folderButton = [this, page](QLineEdit *edit, const QString &caption) {
        auto *button = new QToolButton(page);
        button->setText(tr("…"));
        button->setToolTip(caption);
        connect(button, &QToolButton::clicked, this, [this, edit, caption]() {
            Dialogs::chooseDirectory(this, caption, edit->text(), [edit](const QString &path) { edit->setText(path); });
        });
        return button;
    };
    auto *condaButton = new QToolButton(page);
    condaButton->setText(tr("…"));
    connect(condaButton, &QToolButton::clicked, this, [this]() {
        Dialogs::chooseFile(this, tr("Conda File"), Dialogs::yamlFilter(),
                            [this](const QString &path) { m_condaFile->setText(path); });
    });
    auto *form = new QFormLayout(page);
    form->setLabelAlignment(Qt::AlignRight | Qt::AlignVCenter);
    form->addRow(tr("&Model folder:"), pickerRow(m_modelFolder, folderButton(m_modelFolder, tr("Model Folder"))));
    form->addRow(tr("&Code folder:"), pickerRow(m_codeFolder, folderButton(m_codeFolder, tr("Code Folder"))));
    form->addRow(tr("&Scoring script:"), m_script);
    form->addRow(tr("Con&da file:"), pickerRow(m_condaFile, condaButton));
    form->addRow(tr("Instance &type:"), m_instanceType);
    form->addRow(tr("Instance c&ount:"), m_instanceCount);
    auto *hint = new QLabel(tr("The scoring script defines init() and run(raw_data), as on Azure ML; "
                               "the model folder is given to it as AZUREML_MODEL_DIR."),
                            page);
    hint->setWordWrap(true);
    hint->setForegroundRole(QPalette::PlaceholderText);
    form->addRow(hint);
    return page;
}

void DeploymentDialog::setSource(Source source)
{
    m_tabs->setCurrentIndex(source == Source::YamlFile ? 0 : 1);
}

void DeploymentDialog::setName(const QString &name)
{
    m_name->setText(name);
    m_nameFromFile.clear();
    updateMode();
}

void DeploymentDialog::setAllTraffic(bool all)
{
    m_allTraffic->setChecked(all);
}

void DeploymentDialog::setFormValues(const QString &modelFolder, const QString &codeFolder,
                                     const QString &scoringScript, const QString &instanceType, int instanceCount)
{
    setSource(Source::Form);
    m_modelFolder->setText(modelFolder);
    m_codeFolder->setText(codeFolder);
    m_script->setText(scoringScript);
    m_instanceType->setCurrentText(instanceType);
    m_instanceCount->setValue(instanceCount);
}

void DeploymentDialog::loadFile(const QString &path)
{
    setSource(Source::YamlFile);
    m_file = absolute(path);
    m_path->setText(m_file);
    QFile file(m_file);
    m_preview->setPlainText(file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.read(1024 * 1024)) : QString());
    // The file names the deployment unless the user typed a name.
    if (m_name->text().isEmpty() || m_name->text() == m_nameFromFile) {
        m_name->clear();
        m_nameFromFile.clear();
        YamlSpec::LoadOptions options;
        options.endpointNameOverride = m_endpoint->currentText();
        if (Result<Deployment> loaded = YamlSpec::loadDeploymentFile(m_file, options); loaded) {
            m_nameFromFile = loaded->name;
            m_name->setText(loaded->name);
        }
    }
    updateMode();
    validate();
    if (!m_file.isEmpty() && QFileInfo::exists(m_file))
        emit fileUsed(m_file);
}

void DeploymentDialog::updateMode()
{
    const QString endpoint = m_endpoint->currentText();
    const QString name = m_name->text().trimmed();
    const bool exists = m_store && m_store->deployment(endpoint, name);
    m_submit->setText(exists ? tr("Update") : tr("Create"));
    m_allTraffic->setEnabled(!exists);
    if (exists)
        m_allTraffic->setChecked(false);
    if (endpoint.isEmpty())
        m_modeHint->setText(tr("Create an endpoint first (File → New Endpoint…)."));
    else if (name.isEmpty())
        m_modeHint->clear();
    else if (exists)
        m_modeHint->setText(tr("Updates deployment '%1' of '%2': its instances are replaced one at a time.").arg(name, endpoint));
    else
        m_modeHint->setText(tr("Creates deployment '%1' in '%2' with 0 % of the traffic.").arg(name, endpoint));
}

Result<Deployment> DeploymentDialog::deployment() const
{
    const QString endpoint = m_endpoint->currentText();
    const QString name = m_name->text().trimmed();
    if (endpoint.isEmpty())
        return Error::validation(QStringLiteral("endpoint_name"), tr("There is no endpoint to add the deployment to. Create an endpoint first."));
    if (m_tabs->currentIndex() == 0) {
        if (m_file.isEmpty())
            return Error::validation(QStringLiteral("file"), tr("Choose a deployment YAML file."));
        YamlSpec::LoadOptions options;
        options.nameOverride = name;
        options.endpointNameOverride = endpoint;
        return YamlSpec::loadDeploymentFile(m_file, options);
    }
    if (Status ok = Rules::checkName(Rules::NameKind::Deployment, name); !ok)
        return ok.error();
    Deployment d;
    d.name = name;
    d.endpointName = endpoint;
    const QString model = absolute(m_modelFolder->text().trimmed());
    if (model.isEmpty() || !QFileInfo(model).isDir())
        return Error::validation(QStringLiteral("model"), tr("The model folder '%1' does not exist. Choose the folder that holds the model files.").arg(m_modelFolder->text()));
    d.model.kind = AssetKind::LocalPath;
    d.model.value = model;
    const QString code = absolute(m_codeFolder->text().trimmed());
    if (code.isEmpty() || !QFileInfo(code).isDir())
        return Error::validation(QStringLiteral("code_configuration.code"), tr("The code folder '%1' does not exist. Choose the folder that holds the scoring script.").arg(m_codeFolder->text()));
    const QString script = m_script->text().trimmed();
    if (script.isEmpty() || !QFileInfo::exists(code + QLatin1Char('/') + script))
        return Error::validation(QStringLiteral("code_configuration.scoring_script"), tr("The scoring script '%1' is not in the code folder %2. Give its path relative to that folder.").arg(script, code));
    d.codeConfiguration = CodeConfiguration{ AssetKind::LocalPath, code, script };
    const QString conda = absolute(m_condaFile->text().trimmed());
    if (!conda.isEmpty()) {
        if (!QFileInfo(conda).isFile())
            return Error::validation(QStringLiteral("environment.conda_file"), tr("The conda file '%1' does not exist.").arg(m_condaFile->text()));
        d.environment.kind = AssetKind::Inline;
        d.environment.image = QString::fromLatin1(DefaultImage);
        d.environment.condaFile = conda;
    }
    d.instanceType = m_instanceType->currentText().trimmed();
    d.instanceCount = m_instanceCount->value();
    if (Status ok = Rules::checkDeploymentSettings(d); !ok)
        return ok.error();
    return d;
}

void DeploymentDialog::validate()
{
    // Live feedback for files; the form is checked when submitted (half-filled is normal).
    if (m_tabs->currentIndex() != 0 || m_file.isEmpty()) {
        showError(nullptr);
        return;
    }
    const Result<Deployment> d = deployment();
    showError(d ? nullptr : &d.error());
}

void DeploymentDialog::submit()
{
    const Result<Deployment> d = deployment();
    if (!d) {
        showError(&d.error());
        return;
    }
    const QString endpoint = m_endpoint->currentText();
    const bool create = !(m_store && m_store->deployment(endpoint, d->name));
    if (create && m_store && m_store->endpoint(endpoint)) {
        if (Status ok = Rules::checkCanAddDeployment(endpoint, int(m_store->endpoint(endpoint)->deployments.size())); !ok) {
            showError(&ok.error());
            return;
        }
    }
    showError(nullptr);
    setBusy(true);
    const bool allTraffic = create && m_allTraffic->isChecked();
    const QString name = d->name;
    ApiReply *reply = m_store->client()->putDeployment(endpoint, d.value(), false);
    connect(reply, &ApiReply::finished, this, [=, this](const ApiResult &result) {
        setBusy(false);
        if (!result.ok()) {
            showError(&*result.error);
            return;
        }
        emit submitted(result, endpoint, name, create, allTraffic);
        accept();
    });
}

QString DeploymentDialog::errorText() const
{
    return m_error->text();
}

void DeploymentDialog::showError(const Error *error)
{
    m_errorLine = error ? error->line : 0;
    QString text;
    if (error) {
        text = error->line > 0 ? tr("Line %1, column %2: %3").arg(error->line).arg(error->column).arg(error->message)
                               : error->message;
    }
    m_error->setText(text);
    m_error->setVisible(!text.isEmpty());
    m_error->setStyleSheet(Theme::messageStyle(Theme::State::Failed, palette()));

    // The faulty line, marked in the preview and scrolled to.
    QList<QTextEdit::ExtraSelection> marks;
    if (m_errorLine > 0 && m_tabs->currentIndex() == 0) {
        const QTextBlock block = m_preview->document()->findBlockByNumber(m_errorLine - 1);
        if (block.isValid()) {
            QTextEdit::ExtraSelection mark;
            QColor background = Theme::errorColor(palette());
            background.setAlpha(60);
            mark.format.setBackground(background);
            mark.format.setProperty(QTextFormat::FullWidthSelection, true);
            mark.cursor = QTextCursor(block);
            marks << mark;
            QTextCursor cursor(block);
            m_preview->setTextCursor(cursor);
            m_preview->ensureCursorVisible();
        }
    }
    m_preview->setExtraSelections(marks);
}

void DeploymentDialog::setBusy(bool busy)
{
    m_busy->setVisible(busy);
    m_submit->setEnabled(!busy);
    m_tabs->setEnabled(!busy);
}
