/* eslint-disable no-undef */
// One page, one runtime: taskpane.html loads the task pane and the REVREC functions (SharedRuntime), and
// runtimeChunk "single" + splitChunks make every module (engine, book store) exist once in that page.
//
//   npm run build                                   production build into dist/
//   webpack --mode development --env localOfficeJs  office.js from node_modules (browser tests, offline)
const path = require("path");
const fs = require("fs");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");

const CDN_OFFICE_JS = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";
const LOCAL_OFFICE_JS = "office-js/office.js";

/** Points taskpane.html at office.js: the template's CDN tag, swapped for the local copy when asked. */
class OfficeJsPlugin {
  constructor(local) {
    this.local = local;
  }
  apply(compiler) {
    compiler.hooks.compilation.tap("OfficeJsPlugin", (compilation) => {
      const hooks = HtmlWebpackPlugin.getHooks(compilation);
      hooks.beforeEmit.tap("OfficeJsPlugin", (data) => {
        const src = this.local ? LOCAL_OFFICE_JS : CDN_OFFICE_JS;
        if (data.html.includes(CDN_OFFICE_JS)) {
          data.html = data.html.split(CDN_OFFICE_JS).join(src);
        } else if (!data.html.includes(LOCAL_OFFICE_JS)) {
          // The template names no office.js: load it first in <head>, before the bundles.
          data.html = data.html.replace("<head>", `<head><script src="${src}"></script>`);
        }
        return data;
      });
    });
  }
}

/** HyperFormula is GPLv3 (test-only): the build fails if any bundle pulls it in. */
class NoHyperFormulaPlugin {
  apply(compiler) {
    compiler.hooks.compilation.tap("NoHyperFormulaPlugin", (compilation) => {
      compilation.hooks.finishModules.tap("NoHyperFormulaPlugin", (modules) => {
        for (const m of modules) {
          const resource = m.resource || "";
          if (/[\\/]node_modules[\\/]hyperformula[\\/]/.test(resource)) {
            const { WebpackError } = compiler.webpack;
            compilation.errors.push(
              new WebpackError(`hyperformula must never be bundled (GPLv3, tests only): ${resource}`)
            );
            return;
          }
        }
      });
    });
  }
}

/**
 * Copies files into the output (assets, manifest, local office.js). A tiny stand-in for copy-webpack-plugin,
 * whose schema-utils -> ajv-keywords@5 needs ajv@8 at the top level, which legacy-peer-deps does not install.
 */
class CopyFilesPlugin {
  constructor(patterns) {
    this.patterns = patterns;
  }
  apply(compiler) {
    compiler.hooks.thisCompilation.tap("CopyFilesPlugin", (compilation) => {
      const { RawSource } = compiler.webpack.sources;
      const stage = compiler.webpack.Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL;
      compilation.hooks.processAssets.tap({ name: "CopyFilesPlugin", stage }, () => {
        for (const { from, to } of this.patterns) {
          const source = path.resolve(__dirname, from);
          const walk = (file, target) => {
            if (fs.statSync(file).isDirectory()) {
              for (const name of fs.readdirSync(file)) walk(path.join(file, name), `${target}/${name}`);
            } else {
              compilation.fileDependencies.add(file);
              compilation.emitAsset(target, new RawSource(fs.readFileSync(file)));
            }
          };
          walk(source, to);
        }
      });
    });
  }
}

/** HTTPS for the dev server: office-addin-dev-certs when it can install its CA, else its generated files. */
async function httpsOptions() {
  try {
    const devCerts = require("office-addin-dev-certs");
    return await devCerts.getHttpsServerOptions();
  } catch {
    const dir = path.join(require("os").homedir(), ".office-addin-dev-certs");
    const file = (name) => path.join(dir, name);
    if (fs.existsSync(file("localhost.crt")) && fs.existsSync(file("localhost.key"))) {
      return { ca: fs.readFileSync(file("ca.crt")), cert: fs.readFileSync(file("localhost.crt")), key: fs.readFileSync(file("localhost.key")) };
    }
    return undefined; // webpack-dev-server makes a self-signed certificate
  }
}

module.exports = async (env = {}, argv = {}) => {
  const dev = argv.mode === "development";
  const localOfficeJs = Boolean(env.localOfficeJs);
  const config = {
    mode: dev ? "development" : "production",
    devtool: dev ? "source-map" : false,
    entry: {
      functions: "./src/functions/index.ts",
      taskpane: "./src/taskpane/index.tsx",
    },
    output: {
      path: path.resolve(__dirname, "dist"),
      filename: "[name].js",
      publicPath: "",
      clean: true,
    },
    resolve: { extensions: [".ts", ".tsx", ".js", ".json"] },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: {
            loader: "ts-loader",
            // ES modules for webpack so that it can tree-shake (tsconfig emits CommonJS for jest and tsx).
            options: { transpileOnly: true, configFile: "tsconfig.json", compilerOptions: { module: "es2020" } },
          },
        },
      ],
    },
    optimization: {
      // One webpack runtime and shared chunks for both entries: one engine and one book store in the page.
      runtimeChunk: "single",
      splitChunks: {
        chunks: "all",
        cacheGroups: {
          vendors: { test: /[\\/]node_modules[\\/]/, name: "vendors", priority: 10 },
          shared: { minChunks: 2, name: "shared", priority: 5, reuseExistingChunk: true, minSize: 0 },
        },
      },
    },
    performance: { hints: false },
    plugins: [
      new CustomFunctionsMetadataPlugin({ output: "functions.json", input: "./src/functions/functions.ts" }),
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        chunks: ["functions", "taskpane"],
      }),
      new OfficeJsPlugin(localOfficeJs),
      new NoHyperFormulaPlugin(),
      new CopyFilesPlugin([
        { from: "assets", to: "assets" },
        { from: "manifest.xml", to: "manifest.xml" },
        ...(localOfficeJs ? [{ from: "node_modules/@microsoft/office-js/dist", to: "office-js" }] : []),
      ]),
    ],
  };
  if (env.WEBPACK_SERVE) {
    config.devServer = {
      port: Number(process.env.npm_package_config_dev_server_port || 3000),
      headers: { "Access-Control-Allow-Origin": "*" },
      server: { type: "https", options: await httpsOptions() },
      static: { directory: path.resolve(__dirname, "dist") },
    };
  }
  return config;
};
