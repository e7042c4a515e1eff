#pragma once

// The response headers of one answer, as a two-column table (name, value).

#include <QAbstractTableModel>
#include <QByteArray>
#include <QList>
#include <QPair>

class HeadersModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HeadersModel)
public:
    enum Column { NameColumn, ValueColumn, ColumnCount };

    explicit HeadersModel(QObject *parent = nullptr);

    void setHeaders(const QList<QPair<QByteArray, QByteArray>> &headers);
    QByteArray value(const QByteArray &name) const; // case-insensitive; empty when absent

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<QPair<QByteArray, QByteArray>> m_headers;
};
