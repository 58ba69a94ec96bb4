import { DataTypes, Model, Sequelize } from "sequelize";

const sequelize = new Sequelize(process.env.DATABASE_URL as string);

export class Order extends Model {
  static label(id: number) {
    return `order #${id}`;
  }
}

Order.init({ total: DataTypes.INTEGER }, { sequelize, modelName: "order" });
