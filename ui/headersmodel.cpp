#include "headersmodel.h"

HeadersModel::HeadersModel(QObject *parent) : QAbstractTableModel(parent) { }

void HeadersModel::setHeaders(const QList<QPair<QByteArray, QByteArray>> &headers)
{
    beginResetModel();
    m_headers = headers;
    endResetModel();
}

QByteArray HeadersModel::value(const QByteArray &name) const
{
    for (const auto &[key, value] : m_headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

int HeadersModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_headers.size());
}

int HeadersModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant HeadersModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    const auto &[name, value] = m_headers.at(index.row());
    return QString::fromLatin1(index.column() == NameColumn ? name : value);
}

QVariant HeadersModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    return section == NameColumn ? tr("Header") : tr("Value");
}
