import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { Application } from 'express';
import { tokenPaths } from './token-paths';

/**
 * Reads the app's routes once they are registered (bootstrap comes after the
 * router) and before any request, and gives every path to the redaction
 * registry, which keeps those with a secret parameter.
 */
@Injectable()
export class TokenPathsCollector implements OnApplicationBootstrap {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onApplicationBootstrap(): void {
    for (const path of routePaths(this.adapterHost.httpAdapter.getInstance<Application>())) tokenPaths.add(path);
  }
}

/** Every route path Express serves (Nest registers each handler as an Express route). */
export function routePaths(app: Application): string[] {
  return app.router.stack.flatMap((layer) => (layer.route ? ([] as string[]).concat(layer.route.path) : []));
}
