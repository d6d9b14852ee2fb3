#!/usr/bin/env node
'use strict';

// s3rver 3.7.1 (pinned exactly: this reaches into its internals), with two fixes:
// - the two multipart calls it lacks: AbortMultipartUpload (it answers 405) and ListMultipartUploads (501).
//   The storage code aborts every failed upload, and the tests check that no upload is left, as they would
//   against AWS or MinIO. Both work on s3rver's own folder layout
//   (<directory>/<bucket>/._S3rver_uploads/<uploadId>/{key,metadata,1,2,...}) and, like the rest of s3rver,
//   accept unsigned requests: a test server on loopback.
// - its object and part writes resolve when the hashing step has seen the last byte, not when the file
//   holds it, so a GET (or a CompleteMultipartUpload) right after the PUT can read a short file under
//   load. Both are redone here to answer only once the file is written.
//
// Usage: node server.js --directory DIR [--address 127.0.0.1] [--port 4568] [--silent]

const crypto = require('crypto');
const fs = require('fs');
const path = require('path');
const { Transform } = require('stream');
const { pipeline } = require('stream/promises');
const S3rver = require('s3rver');
const S3Error = require('s3rver/lib/models/error');

function parseArguments(argv) {
  const options = { address: '127.0.0.1', port: 4568, silent: false };
  for (let i = 0; i < argv.length; i++) {
    const value = () => {
      if (i + 1 >= argv.length) throw new Error(`${argv[i]} needs a value`);
      return argv[++i];
    };
    switch (argv[i]) {
      case '--directory': options.directory = path.resolve(value()); break;
      case '--address': options.address = value(); break;
      case '--port': options.port = Number(value()); break;
      case '--silent': options.silent = true; break;
      default: throw new Error(`unknown argument ${argv[i]}`);
    }
  }
  if (!options.directory) throw new Error('--directory is required');
  return options;
}

function uploadsFolder(store, bucket) {
  return store.getResourcePath(bucket, undefined, 'uploads');
}

// Runs before s3rver's router, on path-style requests only (the way the platform addresses buckets).
function multipartExtensions(store) {
  return async function multipartExtensions(ctx, next) {
    const [bucket, ...keyParts] = ctx.path.split('/').slice(1).map(decodeURIComponent);
    const isBucket = bucket && keyParts.join('') === '';
    const isObject = bucket && keyParts.join('') !== '';

    if (ctx.method === 'DELETE' && isObject && 'uploadId' in ctx.query) {
      const uploadId = ctx.query.uploadId;
      const folder = path.join(uploadsFolder(store, bucket), path.basename(uploadId));
      if (!/^[0-9a-f]+$/.test(uploadId) || !fs.existsSync(folder)) {
        throw new S3Error('NoSuchUpload', 'The specified upload does not exist.', { UploadId: uploadId });
      }
      await fs.promises.rm(folder, { recursive: true, force: true });
      ctx.status = 204;
      return;
    }

    if (ctx.method === 'GET' && isBucket && 'uploads' in ctx.query) {
      if (!(await store.getBucket(bucket))) {
        throw new S3Error('NoSuchBucket', 'The specified bucket does not exist', { BucketName: bucket });
      }
      const prefix = ctx.query.prefix || '';
      const root = uploadsFolder(store, bucket);
      const ids = fs.existsSync(root) ? await fs.promises.readdir(root) : [];
      const uploads = [];
      for (const id of ids.sort()) {
        const keyFile = path.join(root, id, 'key');
        if (!fs.existsSync(keyFile)) continue;
        const key = (await fs.promises.readFile(keyFile)).toString();
        if (!key.startsWith(prefix)) continue;
        const { birthtime } = await fs.promises.stat(path.join(root, id));
        uploads.push({ Key: key, UploadId: id, Initiated: birthtime.toISOString(), StorageClass: 'STANDARD' });
      }
      ctx.body = {
        ListMultipartUploadsResult: {
          '@': { xmlns: 'http://s3.amazonaws.com/doc/2006-03-01/' },
          Bucket: bucket,
          Prefix: prefix,
          KeyMarker: '',
          UploadIdMarker: '',
          MaxUploads: 1000,
          IsTruncated: false,
          Upload: uploads,
        },
      };
      return;
    }

    await next();
  };
}

/** Writes content (a Buffer or a stream) to filePath; resolves with its size and MD5 once the file holds it all. */
async function writeHashed(content, filePath) {
  await fs.promises.mkdir(path.dirname(filePath), { recursive: true });
  const md5 = crypto.createHash('md5');
  let size = 0;
  if (Buffer.isBuffer(content)) {
    await fs.promises.writeFile(filePath, content);
    md5.update(content);
    size = content.length;
  } else {
    const hashing = new Transform({
      transform(chunk, encoding, callback) {
        md5.update(chunk);
        size += chunk.length;
        callback(null, chunk);
      },
    });
    await pipeline(content, hashing, fs.createWriteStream(filePath));
  }
  return { size, md5: md5.digest('hex') };
}

function completeWrites(store) {
  store.putObject = async function putObject(object) {
    const objectPath = this.getResourcePath(object.bucket, object.key, 'object');
    const { size, md5 } = await writeHashed(object.content, objectPath);
    await this.putMetadata(object.bucket, object.key, object.metadata, md5);
    return { size, md5 };
  };
  store.putPart = async function putPart(bucket, uploadId, partNumber, content) {
    const partPath = path.join(uploadsFolder(this, bucket), uploadId, partNumber.toString());
    const result = await writeHashed(content, partPath);
    await fs.promises.writeFile(`${partPath}.md5`, result.md5);
    return result;
  };
}

async function main() {
  const options = parseArguments(process.argv.slice(2));
  fs.mkdirSync(options.directory, { recursive: true });
  const server = new S3rver(options);
  completeWrites(server.store);
  // Koa composes its middleware list when it starts listening: put ours just before s3rver's router (the last
  // entry), after its XML encoder, which turns the plain objects above into XML bodies.
  server.middleware.splice(server.middleware.length - 1, 0, multipartExtensions(server.store));
  const { address, port } = await server.run();
  console.log('S3rver listening on %s:%d', address, port);

  const stop = () => server.close().then(() => process.exit(0), () => process.exit(1));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
