#include "historyview.h"

#include "historymodel.h"

#include <QApplication>
#include <QHeaderView>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QStyledItemDelegate>

namespace {

// Paints the revert column as a push button and turns a click on it into a request.
class RevertButtonDelegate final : public QStyledItemDelegate
{
public:
    RevertButtonDelegate(HistoryView *view) : QStyledItemDelegate(view), m_view(view) { }

    static QRect buttonRect(const QRect &cell, const QString &text, const QFontMetrics &metrics)
    {
        const int width = std::min(cell.width() - 4, metrics.horizontalAdvance(text) + 24);
        const int height = std::min(cell.height() - 2, metrics.height() + 8);
        return QRect(cell.left() + 2, cell.center().y() - height / 2 + 1, width, height);
    }

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        if (index.column() != HistoryModel::RevertColumn) {
            QStyledItemDelegate::paint(painter, option, index);
            return;
        }
        QStyleOptionViewItem background = option;
        initStyleOption(&background, index);
        background.text.clear();
        QStyle *style = option.widget ? option.widget->style() : QApplication::style();
        style->drawControl(QStyle::CE_ItemViewItem, &background, painter, option.widget);
        QStyleOptionButton button;
        button.text = index.data().toString();
        button.rect = buttonRect(option.rect, button.text, option.fontMetrics);
        button.state = QStyle::State_Enabled | QStyle::State_Raised;
        if (m_pressed == index)
            button.state |= QStyle::State_Sunken;
        button.palette = option.palette;
        button.fontMetrics = option.fontMetrics;
        style->drawControl(QStyle::CE_PushButton, &button, painter, option.widget);
    }

    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        QSize size = QStyledItemDelegate::sizeHint(option, index);
        size.setHeight(std::max(size.height(), option.fontMetrics.height() + 12));
        if (index.column() == HistoryModel::RevertColumn)
            size.setWidth(option.fontMetrics.horizontalAdvance(index.data().toString()) + 32);
        return size;
    }

    bool editorEvent(QEvent *event, QAbstractItemModel *model, const QStyleOptionViewItem &option,
                     const QModelIndex &index) override
    {
        if (index.column() != HistoryModel::RevertColumn)
            return QStyledItemDelegate::editorEvent(event, model, option, index);
        if (event->type() != QEvent::MouseButtonPress && event->type() != QEvent::MouseButtonRelease)
            return false;
        const auto *mouse = static_cast<QMouseEvent *>(event);
        const bool inside = buttonRect(option.rect, index.data().toString(), option.fontMetrics)
                                .contains(mouse->position().toPoint());
        if (event->type() == QEvent::MouseButtonPress) {
            m_pressed = inside ? QPersistentModelIndex(index) : QPersistentModelIndex();
            m_view->viewport()->update(option.rect);
            return inside;
        }
        const bool clicked = inside && m_pressed == index;
        m_pressed = QPersistentModelIndex();
        m_view->viewport()->update(option.rect);
        if (clicked)
            emit m_view->revertRequested(index.row());
        return clicked;
    }

private:
    HistoryView *m_view;
    QPersistentModelIndex m_pressed;
};

} // namespace

HistoryView::HistoryView(QWidget *parent) : QTreeView(parent)
{
    setRootIsDecorated(false);
    setItemsExpandable(false);
    setUniformRowHeights(true);
    setAlternatingRowColors(true);
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setSelectionMode(QAbstractItemView::SingleSelection);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setItemDelegate(new RevertButtonDelegate(this));
    setAccessibleName(tr("Traffic history"));
}

void HistoryView::setModel(QAbstractItemModel *model)
{
    QTreeView::setModel(model);
    header()->setStretchLastSection(false);
    header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    header()->setSectionResizeMode(HistoryModel::TrafficColumn, QHeaderView::Stretch);
}

QRect HistoryView::revertButtonRect(int row) const
{
    const QModelIndex index = model()->index(row, HistoryModel::RevertColumn);
    return RevertButtonDelegate::buttonRect(visualRect(index), index.data().toString(), fontMetrics());
}

void HistoryView::keyPressEvent(QKeyEvent *event)
{
    if ((event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter) && currentIndex().isValid()) {
        emit revertRequested(currentIndex().row());
        event->accept();
        return;
    }
    QTreeView::keyPressEvent(event);
}
