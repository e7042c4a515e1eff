#pragma once

// Create or update a deployment, from a YAML file (the Azure ML CLI v2 schema: the loader's
// errors show inline with their line, which is highlighted in the file's preview) or from a
// small form. The endpoint and name come from the selection; the server's refusal shows in
// the dialog, which stays open; once it accepts, the dialog closes and the tree follows.

#include "domain.h"
#include "result.h"

#include <QDialog>
#include <QPointer>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTabWidget;
class WorkspaceStore;
struct ApiResult;

class DeploymentDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DeploymentDialog)
public:
    enum class Source { YamlFile, Form };

    DeploymentDialog(WorkspaceStore *store, const QString &endpoint, const QString &deployment,
                     QWidget *parent = nullptr);
    ~DeploymentDialog() override;

    void setSource(Source source);
    void loadFile(const QString &path);
    void setName(const QString &name);
    void setAllTraffic(bool all);
    // The form's fields.
    void setFormValues(const QString &modelFolder, const QString &codeFolder, const QString &scoringScript,
                       const QString &instanceType, int instanceCount);

    // Builds the deployment from the chosen source, checking it as the server would.
    Result<Deployment> deployment() const;
    void submit(); // what the Create/Update button does
    QString errorText() const;
    int errorLine() const { return m_errorLine; } // 1-based line in the YAML file, 0 when none

signals:
    void submitted(const ApiResult &accepted, const QString &endpoint, const QString &deployment,
                   bool create, bool allTraffic);
    void fileUsed(const QString &path);

private:
    QWidget *buildYamlPage();
    QWidget *buildFormPage();
    void updateMode();
    void validate();
    void showError(const Error *error);
    void setBusy(bool busy);

    QPointer<WorkspaceStore> m_store;
    QString m_file;
    QString m_nameFromFile; // the name the file gave, so a typed one is never overwritten
    int m_errorLine = 0;

    QComboBox *m_endpoint = nullptr;
    QLineEdit *m_name = nullptr;
    QLabel *m_modeHint = nullptr;
    QTabWidget *m_tabs = nullptr;
    QLineEdit *m_path = nullptr;
    QPlainTextEdit *m_preview = nullptr;
    QLineEdit *m_modelFolder = nullptr;
    QLineEdit *m_codeFolder = nullptr;
    QLineEdit *m_script = nullptr;
    QLineEdit *m_condaFile = nullptr;
    QComboBox *m_instanceType = nullptr;
    QSpinBox *m_instanceCount = nullptr;
    QCheckBox *m_allTraffic = nullptr;
    QLabel *m_error = nullptr;
    QProgressBar *m_busy = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    QPushButton *m_submit = nullptr;
};
