#pragma once

// The Compare view of the Test panel: a summary line and the side-by-side table of
// CompareModel, highlighted in a colour that follows the palette.

#include <QWidget>

class CompareModel;
class QLabel;
class QTableView;

class CompareWidget final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CompareWidget)
public:
    explicit CompareWidget(QWidget *parent = nullptr);

    CompareModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }
    QString summary() const;
    void setBusy(const QString &text); // "Sending to 3 deployments…"

protected:
    void changeEvent(QEvent *event) override;

private:
    void updateSummary();
    void applyPalette();

    CompareModel *m_model;
    QTableView *m_view;
    QLabel *m_summary;
};
