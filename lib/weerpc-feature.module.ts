import { Module } from '@nestjs/common';

/** The module a `WeeRpcModule.forFeature()` call returns; its importer's functions form that endpoint. */
@Module({})
export class WeeRpcFeatureModule {}
