import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Ganvas", template: "%s · Ganvas" },
  description: "Browse trained DCGAN generators and sample them in the browser.",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <header className="site-header">
          <Link href="/" className="brand">
            Ganvas
          </Link>
          <span className="muted">DCGAN model registry</span>
          <nav aria-label="Site">
            <Link href="/">Models</Link> · <Link href="/compare">Compare</Link> ·{" "}
            <Link href="/train">Train in the browser</Link>
          </nav>
        </header>
        <main id="main" className="site-main">
          {children}
        </main>
      </body>
    </html>
  );
}
