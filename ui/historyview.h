#pragma once

// The traffic history as a list with a "Revert to before" button on every row: one click
// (or Enter on the selected row) asks to revert that change.

#include <QTreeView>

class HistoryView final : public QTreeView
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HistoryView)
public:
    explicit HistoryView(QWidget *parent = nullptr);

    void setModel(QAbstractItemModel *model) override;
    // Where the row's revert button is, in viewport coordinates (tests click it).
    QRect revertButtonRect(int row) const;

signals:
    void revertRequested(int row);

protected:
    void keyPressEvent(QKeyEvent *event) override;
};
