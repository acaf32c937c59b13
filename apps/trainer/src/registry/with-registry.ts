import { type Registry, openRegistry } from "@ganvas/registry";

/**
 * Opens the registry a command names (a folder, or postgres://... with GANVAS_S3), runs `use` and closes it,
 * so a database's connections never keep the process alive.
 */
export async function withRegistry<T>(location: string, use: (registry: Registry) => Promise<T>): Promise<T> {
  const registry = await openRegistry(location);
  try {
    return await use(registry);
  } finally {
    await registry.close();
  }
}
