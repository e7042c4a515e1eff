#pragma once

// Which workspace the window shows. For now the local workspace only (its state folder in
// the tooltip); saved Azure ML workspaces join the list later.

#include <QWidget>

class QComboBox;

class WorkspacePicker final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WorkspacePicker)
public:
    explicit WorkspacePicker(QWidget *parent = nullptr);

    void setLocalStateDir(const QString &dir);
    QString localStateDir() const { return m_stateDir; }
    QComboBox *comboBox() const { return m_combo; }

signals:
    void localWorkspaceChosen(const QString &stateDir);

protected:
    void changeEvent(QEvent *event) override;

private:
    QComboBox *m_combo;
    QString m_stateDir;
};
