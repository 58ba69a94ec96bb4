import { DataTypes, Model, Sequelize } from "sequelize";

const sequelize = new Sequelize(process.env.DATABASE_URL as string);

export class Customer extends Model {}

Customer.init({ name: DataTypes.STRING }, { sequelize, modelName: "customer" });
